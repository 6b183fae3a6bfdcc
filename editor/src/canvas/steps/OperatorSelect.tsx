import type { PropertyFilter } from '@herald/engine';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as PropertyFilter['op'])}>
      {(['eq', 'neq', 'contains', 'gt', 'lt', 'exists'] as const).map((op) => (
        <option key={op} value={op}>
          {t(`canvas.operator.${op}`)}
        </option>
      ))}
    </select>
  );
}
