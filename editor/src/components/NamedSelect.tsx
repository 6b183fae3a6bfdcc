import { Select } from './Field';

/** A choice among the workspace's named things (tags, employees, accounts) by id, after a blank first option. */
export function NamedSelect({
  label,
  blank,
  items,
  value,
  onValue,
}: {
  label: string;
  blank: string;
  items: ReadonlyArray<{ id: string; name: string }>;
  value: string;
  onValue(id: string): void;
}) {
  return (
    <Select
      aria-label={label}
      value={value}
      blank={blank}
      options={items.map((item) => ({ value: item.id, label: item.name }))}
      onValue={onValue}
    />
  );
}
