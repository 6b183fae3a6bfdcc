import { eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { HeraldDb } from './client';

/**
 * Rows of a raw `db.execute` result, typed: postgres.js answers an array of rows, and every database Herald opens
 * is reached through it (embedded PGlite too, over the wire protocol: see client.ts).
 */
export function rowsOf<T>(result: unknown): T[] {
  return result as T[];
}

/**
 * The set of what `pick` reads from each row of `statement`, for a question about a list of things (`asked`): about
 * nothing, the answer is the empty set without a round trip.
 */
export async function setOfRows<R, V>(
  db: HeraldDb,
  asked: readonly unknown[],
  statement: () => SQL,
  pick: (row: R) => V,
): Promise<Set<V>> {
  if (asked.length === 0) return new Set();
  return new Set(rowsOf<R>(await db.execute(statement())).map(pick));
}

/** Sets `values` on row `id` of `table` and stamps its `updatedAt` (the statement, to await or extend). */
export function updateRow<T extends PgTable & { id: AnyPgColumn; updatedAt: AnyPgColumn }>(
  db: HeraldDb,
  table: T,
  id: string,
  values: PgUpdateSetSource<T>,
) {
  return db
    .update(table)
    .set({ ...values, updatedAt: new Date() } as PgUpdateSetSource<T>)
    .where(eq(table.id, id));
}
