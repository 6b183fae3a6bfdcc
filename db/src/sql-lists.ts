import { sql, type SQL } from 'drizzle-orm';

/** A text[] built from one JSON parameter (one bind value however long the list). */
export const textList = (values: readonly string[]): SQL =>
  sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a uuid (what `uuidList` accepts). */
export const isUuid = (value: string): boolean => uuidShape.test(value);

/**
 * A uuid[] as one array-literal parameter: the planner sees the values (a subquery would hide
 * them), so it can tell a 10,000-contact tag from a million-contact one and plan each well.
 */
export const uuidList = (values: readonly string[]): SQL => {
  for (const v of values) if (!isUuid(v)) throw new TypeError(`not a uuid: ${JSON.stringify(v).slice(0, 60)}`);
  return sql`${`{${values.join(',')}}`}::uuid[]`;
};

/** Ids after `cursor` and up to `until` (each bound only when given) on an id column. */
export function idRange(column: SQL, cursor: string | null, until?: string | null): SQL {
  const after = cursor ? sql`and ${column} > ${cursor}::uuid` : sql``;
  return sql`${after} ${until ? sql`and ${column} <= ${until}::uuid` : sql``}`;
}

export { rowsOf } from './rows';

/** A point in time as a timestamptz parameter. */
export const timestamp = (t: Date): SQL => sql`${t.toISOString()}::timestamptz`;

/** Each journey state row `s` with its contact `c` (a lateral join by primary key). */
export const withContact = sql`cross join lateral (select * from contacts cc where cc.id = s.contact_id) c`;
