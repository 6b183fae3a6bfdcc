import type { PropertyFilter } from '@herald/engine';
import { ComparisonFields } from '../fields/ComparisonFields';
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
          <ComparisonFields
            label={t('canvas.filters.property')}
            aria={{
              name: t('canvas.filters.propertyN', { n: i + 1 }),
              operator: t('canvas.filters.operatorN', { n: i + 1 }),
              value: t('canvas.filters.valueN', { n: i + 1 }),
            }}
            name={{ value: f.property, onChange: (property) => setAt(i, { ...f, property }) }}
            op={f.op}
            value={f.value}
            onChange={(patch) => setAt(i, { ...f, ...patch })}
          />
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
