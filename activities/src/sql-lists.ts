import { sql, type SQL } from '@herald/db';

/** A text[] built from one JSON parameter (one bind value however long the list). */
export const textList = (values: readonly string[]): SQL => sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

/** A uuid[] built from one JSON parameter. */
export const uuidList = (values: readonly string[]): SQL => sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::uuid)`;

/** Rows of a raw query result, whichever driver ran it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
