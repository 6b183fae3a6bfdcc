import type { SQL } from 'drizzle-orm';
import type { HeraldDb } from './client';

/** Rows of a raw `db.execute` result, whichever driver ran it (postgres.js: an array; PGlite: `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
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
