import type { PropertyFilter } from './node.schema';

/** Whether event properties pass every filter (event triggers and wait_for_event). */
export function matchesFilters(
  properties: Record<string, unknown> | undefined,
  filters: readonly PropertyFilter[],
): boolean {
  return filters.every((f) => {
    const value = properties?.[f.property];
    switch (f.op) {
      case 'exists':
        return value !== undefined && value !== null;
      case 'eq':
        return value === f.value;
      case 'neq':
        return value !== f.value;
      case 'contains':
        return typeof value === 'string' && typeof f.value === 'string' && value.includes(f.value);
      case 'gt':
        return typeof value === 'number' && typeof f.value === 'number' && value > f.value;
      case 'lt':
        return typeof value === 'number' && typeof f.value === 'number' && value < f.value;
    }
  });
}
