import { useTranslation } from 'react-i18next';
/** The ids with `id` added, or removed when it was there. */
export const toggle = (ids: readonly string[], id: string) =>
  ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];

/** A group of toggle buttons, one per item, pressed when selected. */
export function Chips({
  label,
  items,
  selected,
  onToggle,
}: {
  label: string;
  items: ReadonlyArray<{ id: string; name: string }>;
  selected: readonly string[];
  onToggle(id: string): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="chips" role="group" aria-label={label}>
      {items.map((item) => (
        <button
          type="button"
          key={item.id}
          className={selected.includes(item.id) ? 'chip on' : 'chip'}
          aria-pressed={selected.includes(item.id)}
          onClick={() => onToggle(item.id)}
        >
          {item.name}
        </button>
      ))}
      {items.length === 0 && <span className="muted">{t('common.noneYet')}</span>}
    </div>
  );
}
