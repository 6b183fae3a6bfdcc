import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * The columns of `table` that `names` allows, for a select that lists them. An allow-list, not "all but": a column
 * added to the table later (a secret's hash, say) stays out of every list until someone names it here.
 */
export function columnsOf<T extends Table, K extends keyof T['_']['columns'] & string>(
  table: T,
  names: readonly K[],
): Pick<T['_']['columns'], K> {
  const all = getTableColumns(table);
  return Object.fromEntries(names.map((name) => [name, all[name]])) as Pick<T['_']['columns'], K>;
}
