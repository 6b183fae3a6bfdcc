import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelKinds, sendTypeSchema, skipReasons } from '@herald/engine';
import { createTestDatabase, type TestDatabase } from './testing';
import { rowsOf } from './rows';
import { sql } from 'drizzle-orm';

// The schema takes its channel kinds and skip reasons from the engine, but the database holds them in
// check constraints written by the migrations: a value the engine adds without a migration would be
// refused at insert (a send's skip could not be recorded). The migrated database must allow exactly
// the engine's values.
let pg: TestDatabase;
beforeAll(async () => {
  pg = await createTestDatabase();
});
afterAll(async () => {
  await pg?.close();
});

/** The values a check constraint `… in ('a', 'b')` allows, read from the migrated database. */
async function allowed(constraint: string): Promise<string[]> {
  const [row] = rowsOf<{ def: string }>(
    await pg.db.execute(sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = ${constraint}`),
  );
  return [...(row?.def ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]!).sort();
}

describe("the database's value sets are the engine's", () => {
  it.each([
    ['channel kinds', 'channel_accounts_kind_check', channelKinds],
    ['skip reasons', 'deliveries_skip_reason_check', skipReasons],
    ['send types', 'broadcasts_type_check', sendTypeSchema.options],
  ])('%s (%s)', async (_what, constraint, engine) => {
    expect(await allowed(constraint)).toEqual([...engine].sort());
  });
});
