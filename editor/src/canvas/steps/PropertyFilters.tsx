import type { PropertyFilter } from '@herald/engine';
import { OperatorSelect } from './OperatorSelect';
import { comparedValue } from './types';

/** Filters on an event's properties (all must hold): property, operator, value. */
export function PropertyFilters({
  filters,
  onChange,
}: {
  filters: PropertyFilter[];
  onChange(f: PropertyFilter[]): void;
}) {
  const setAt = (i: number, f: PropertyFilter) => onChange(filters.map((x, j) => (j === i ? f : x)));
  return (
    <div className="filters" aria-label="Event filters">
      {filters.map((f, i) => (
        <div className="row" key={i}>
          <label>
            Property
            <input
              aria-label={`Filter ${i + 1} property`}
              value={f.property}
              onChange={(e) => setAt(i, { ...f, property: e.target.value })}
            />
          </label>
          <label>
            Is
            <OperatorSelect label={`Filter ${i + 1} operator`} value={f.op} onChange={(op) => setAt(i, { ...f, op })} />
          </label>
          {f.op !== 'exists' && (
            <label>
              Value
              <input
                aria-label={`Filter ${i + 1} value`}
                value={String(f.value ?? '')}
                onChange={(e) => setAt(i, { ...f, value: comparedValue(f.op, e.target.value) })}
              />
            </label>
          )}
          <button type="button" className="link" onClick={() => onChange(filters.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      {filters.length < 20 && (
        <button
          type="button"
          onClick={() => onChange([...filters, { property: `property${filters.length + 1}`, op: 'eq', value: '' }])}
        >
          + Filter
        </button>
      )}
    </div>
  );
}
