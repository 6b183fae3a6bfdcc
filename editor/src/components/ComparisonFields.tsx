import type { PropertyFilter } from '@herald/engine';
import { InputField, Select, type Bound } from './Field';
import { useTranslation } from 'react-i18next';

type Op = PropertyFilter['op'];
const operators: readonly Op[] = ['eq', 'neq', 'contains', 'gt', 'lt', 'exists'];

/** A typed value: a number for more/less than when the text is one, else the text. */
const comparedValue = (op: Op, text: string): string | number =>
  (op === 'gt' || op === 'lt') && text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;

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
      <InputField label={label} aria-label={aria.name} {...name} />
      <label>
        {t('canvas.condition.is')}
        <Select
          aria-label={aria.operator}
          value={op}
          options={operators.map((o) => ({ value: o, label: t(`canvas.operator.${o}`) }))}
          onValue={(next) => onChange({ op: next })}
        />
      </label>
      {op !== 'exists' && (
        <InputField
          label={t('canvas.condition.value')}
          aria-label={aria.value}
          value={String(value ?? '')}
          onValue={(text) => onChange({ value: comparedValue(op, text) })}
        />
      )}
    </>
  );
}
