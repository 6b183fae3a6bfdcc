import type { PropertyFilter } from '@herald/engine';
import { OperatorSelect } from './OperatorSelect';
import { comparedValue } from './types';
import { useTranslation } from 'react-i18next';

/** Filters on an event's properties (all must hold): property, operator, value. */
export function PropertyFilters({
  filters,
  onChange,
}: {
  filters: PropertyFilter[];
  onChange(f: PropertyFilter[]): void;
}) {
  const setAt = (i: number, f: PropertyFilter) => onChange(filters.map((x, j) => (j === i ? f : x)));
  const { t } = useTranslation();
  return (
    <div className="filters" aria-label={t('canvas.filters.label')}>
      {filters.map((f, i) => (
        <div className="row" key={i}>
          <label>
            {t('canvas.filters.property')}
            <input
              aria-label={t('canvas.filters.propertyN', { n: i + 1 })}
              value={f.property}
              onChange={(e) => setAt(i, { ...f, property: e.target.value })}
            />
          </label>
          <label>
            {t('canvas.condition.is')}
            <OperatorSelect
              label={t('canvas.filters.operatorN', { n: i + 1 })}
              value={f.op}
              onChange={(op) => setAt(i, { ...f, op })}
            />
          </label>
          {f.op !== 'exists' && (
            <label>
              {t('canvas.condition.value')}
              <input
                aria-label={t('canvas.filters.valueN', { n: i + 1 })}
                value={String(f.value ?? '')}
                onChange={(e) => setAt(i, { ...f, value: comparedValue(f.op, e.target.value) })}
              />
            </label>
          )}
          <button type="button" className="link" onClick={() => onChange(filters.filter((_, j) => j !== i))}>
            {t('common.remove')}
          </button>
        </div>
      ))}
      {filters.length < 20 && (
        <button
          type="button"
          onClick={() => onChange([...filters, { property: `property${filters.length + 1}`, op: 'eq', value: '' }])}
        >
          {t('canvas.filters.add')}
        </button>
      )}
    </div>
  );
}
