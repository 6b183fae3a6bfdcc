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
  return (
    <label className="inline">
      <input type="checkbox" aria-label={ariaLabel} checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
      {label}
    </label>
  );
}
