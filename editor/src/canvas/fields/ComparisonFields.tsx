import type { PropertyFilter } from '@herald/engine';
import { OperatorSelect } from '../steps/OperatorSelect';
import { comparedValue } from '../steps/types';
import type { Bound } from './bind-field';
import { InputField } from './InputField';
import { useTranslation } from 'react-i18next';

/** The accessible names of a comparison's three inputs. */
export interface ComparisonNames {
  name: string;
  operator: string;
  value: string;
}

/**
 * A comparison of a named value (a contact's attribute, an event's property): the name typed, the
 * operator, and the value it is compared with (none for "exists"; a number for more/less than).
 */
export function ComparisonFields({
  label,
  aria,
  name,
  op,
  value,
  onChange,
}: {
  label: string;
  aria: ComparisonNames;
  name: Bound;
  op: PropertyFilter['op'];
  value: PropertyFilter['value'];
  onChange(patch: Pick<PropertyFilter, 'op'> | Pick<PropertyFilter, 'value'>): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <InputField label={label} ariaLabel={aria.name} {...name} />
      <label>
        {t('canvas.condition.is')}
        <OperatorSelect label={aria.operator} value={op} onChange={(next) => onChange({ op: next })} />
      </label>
      {op !== 'exists' && (
        <InputField
          label={t('canvas.condition.value')}
          ariaLabel={aria.value}
          value={String(value ?? '')}
          onChange={(text) => onChange({ value: comparedValue(op, text) })}
        />
      )}
    </>
  );
}
