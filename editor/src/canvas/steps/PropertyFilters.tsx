import type { PropertyFilter } from '@herald/engine';
import { ComparisonFields } from '../../components/ComparisonFields';
import { listEdits } from '../../components/list-edits';
import { RowList } from '../../components/RowList';
import { useTranslation } from 'react-i18next';

/** Filters on an event's properties (all must hold): property, operator, value. */
export function PropertyFilters({
  filters,
  onChange,
}: {
  filters: PropertyFilter[];
  onChange(f: PropertyFilter[]): void;
}) {
  const edit = listEdits(filters, onChange);
  const { t } = useTranslation();
  return (
    <div className="filters" aria-label={t('canvas.filters.label')}>
      <RowList
        items={filters}
        rowClass="row"
        keyOf={(_, i) => i}
        row={(f, i) => (
          <ComparisonFields
            label={t('canvas.filters.property')}
            aria={{
              name: t('canvas.filters.propertyN', { n: i + 1 }),
              operator: t('canvas.filters.operatorN', { n: i + 1 }),
              value: t('canvas.filters.valueN', { n: i + 1 }),
            }}
            name={{ value: f.property, onValue: (property) => edit.patch(i, { property }) }}
            op={f.op}
            value={f.value}
            onChange={(patch) => edit.patch(i, patch)}
          />
        )}
        min={0}
        max={20}
        removeLabel={t('common.remove')}
        onRemove={edit.remove}
        addLabel={t('canvas.filters.add')}
        onAdd={() => edit.add({ property: `property${filters.length + 1}`, op: 'eq', value: '' })}
      />
    </div>
  );
}
