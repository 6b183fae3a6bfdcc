import { CheckboxField } from '../../components/Field';

/** A checkbox with its words after it, on one line: a setting that is on or off. */
export function ToggleField({
  label,
  ariaLabel,
  checked,
  onChange,
}: {
  label: string;
  ariaLabel: string;
  checked: boolean;
  onChange(on: boolean): void;
}) {
  return <CheckboxField label={label} aria-label={ariaLabel} checked={checked} onChecked={onChange} />;
}
