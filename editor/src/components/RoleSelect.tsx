import type { Role } from '@herald/api/contracts';
import { roleLabel } from '../words/labels';
import { Select } from './Field';

/** A select of the roles the signed-in member may give, each in words. */
export function RoleSelect<R extends Role>({
  roles,
  value,
  onValue,
  ariaLabel,
}: {
  roles: readonly R[];
  value: R;
  onValue(role: R): void;
  ariaLabel: string;
}) {
  return (
    <Select<R>
      aria-label={ariaLabel}
      value={value}
      options={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
      onValue={onValue}
    />
  );
}
