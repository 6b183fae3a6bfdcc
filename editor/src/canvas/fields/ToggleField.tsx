import type { ChangeEvent } from 'react';

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
  const toggle = (e: ChangeEvent<HTMLInputElement>) => onChange(e.target.checked);
  return (
    <label className="inline">
      <input type="checkbox" aria-label={ariaLabel} checked={checked} onChange={toggle} /> {label}
    </label>
  );
}
