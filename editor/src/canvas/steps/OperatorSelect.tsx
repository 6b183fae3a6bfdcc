import type { PropertyFilter } from '@herald/engine';

/** The comparison operators of conditions and event filters, in words. */
export function OperatorSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(op: PropertyFilter['op']): void;
}) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as PropertyFilter['op'])}>
      <option value="eq">equal to</option>
      <option value="neq">not equal to</option>
      <option value="contains">containing</option>
      <option value="gt">more than</option>
      <option value="lt">less than</option>
      <option value="exists">set</option>
    </select>
  );
}
