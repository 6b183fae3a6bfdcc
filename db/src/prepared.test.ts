import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDb, type DbHandle } from './client';
import { migrateDb } from './migrate';
import {
  executePrepared,
  pipelinedTransaction,
  PREPARED_TEXT_LIMIT,
  preparedTextCount,
  usePreparedStatements,
} from './prepared';
import { rowsOf } from './rows';
import { createTestDatabase, type TestDatabase } from './testing';

// The statement the hot paths run prepared must answer what db.execute answers, in the caller's transaction, and
// be a named statement of the connection (pg_prepared_statements lists a connection's own).
const probe = (n: number) => sql`select ${n}::int + 1 as next, ${JSON.stringify({ n })}::jsonb as doc`;
const namedOnConnection = async (db: DbHandle['db']) =>
  rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from pg_prepared_statements where statement like 'select $1::int + 1 as next%'`,
    ),
  )[0]!.n;

describe.each(['postgres', 'postgres pool', 'pglite'] as const)('executePrepared on %s', (kind) => {
  let handle: DbHandle;
  let test: TestDatabase | undefined;
  beforeAll(async () => {
    if (kind === 'postgres') {
      test = await createTestDatabase();
      handle = await createDb({ url: test.url, max: 1 });
    } else if (kind === 'postgres pool') {
      test = await createTestDatabase();
      handle = test;
    } else {
      handle = await createDb({ dataDir: 'memory://' });
      await migrateDb(handle);
    }
  });
  afterAll(async () => {
    if (handle !== test) await handle?.close();
    await test?.close();
  });

  it('answers the rows db.execute answers, as a named statement of the connection', async () => {
    const { db } = handle;
    const before = await namedOnConnection(db);
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      const prepared = rowsOf<{ next: number; doc: unknown }>(await executePrepared(db, probe(n)));
      const plain = rowsOf<{ next: number; doc: unknown }>(await db.execute(probe(n)));
      expect(prepared).toEqual(plain);
      expect(prepared).toEqual([{ next: n + 1, doc: { n } }]);
    }
    // One connection (max 1; PGlite has one): the seven calls made one named statement, not seven. (A pool's
    // calls go to any of its connections, and pg_prepared_statements shows the asking connection's own.)
    if (kind !== 'postgres pool') expect((await namedOnConnection(db)) - before).toBe(1);
  });

  it("runs statements as one transaction in one go: each one's rows, all written or none", async () => {
    const { db } = handle;
    await db.execute(sql`create table if not exists pipelined_probe (id int primary key, note text)`);
    const [inserted, counted] = await pipelinedTransaction(db, [
      sql`insert into pipelined_probe values (${1}, ${'one'}), (${2}, ${'two'}) returning id`,
      sql`select count(*)::int as n from pipelined_probe`,
    ]);
    expect(rowsOf<{ id: number }>(inserted).map((r) => r.id)).toEqual([1, 2]);
    // The second statement sees the first's rows: same transaction, in order.
    expect(rowsOf<{ n: number }>(counted)).toEqual([{ n: 2 }]);

    // The second statement fails: the first's row is not written, the error is the statement's own.
    await expect(
      pipelinedTransaction(db, [
        sql`insert into pipelined_probe values (${3}, ${'three'})`,
        sql`insert into pipelined_probe values (${1}, ${'again'})`,
        sql`insert into pipelined_probe values (${4}, ${'four'})`,
      ]),
    ).rejects.toThrow(/duplicate key/);
    const ids = async () =>
      rowsOf<{ id: number }>(await db.execute(sql`select id from pipelined_probe order by id`)).map((r) => r.id);
    expect(await ids()).toEqual([1, 2]);
    // The connection is back in use, outside any transaction.
    await pipelinedTransaction(db, [sql`insert into pipelined_probe values (${5}, ${'five'})`]);
    expect(await ids()).toEqual([1, 2, 5]);

    // Within a transaction: its statements belong to it, and go with its rollback.
    await expect(
      db.transaction(async (tx) => {
        await pipelinedTransaction(tx as unknown as typeof db, [
          sql`insert into pipelined_probe values (${6}, ${'six'})`,
        ]);
        expect(rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from pipelined_probe`))).toEqual([
          { n: 4 },
        ]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await ids()).toEqual([1, 2, 5]);
  });

  it('prepares nothing when turned off (HERALD_DB_PREPARED=off), with the same answers', async () => {
    const { db } = handle;
    const off = sql`select ${5}::int * 2 as twice, 'unprepared probe' as what`;
    usePreparedStatements(false);
    try {
      expect(rowsOf(await executePrepared(db, off))).toEqual([{ twice: 10, what: 'unprepared probe' }]);
      const named = rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from pg_prepared_statements where statement like '%unprepared%'`,
        ),
      );
      expect(named[0]!.n).toBe(0);
    } finally {
      usePreparedStatements(true);
    }
  });

  it("runs in the caller's transaction, and its error rolls the transaction back", async () => {
    const { db } = handle;
    await db.execute(sql`create table if not exists prepared_probe (id int primary key)`);
    await db.transaction(async (tx) => {
      await executePrepared(tx as unknown as typeof db, sql`insert into prepared_probe values (${1})`);
      const seen = rowsOf<{ n: number }>(
        await executePrepared(tx as unknown as typeof db, sql`select count(*)::int as n from prepared_probe`),
      );
      expect(seen[0]!.n).toBe(1);
    });
    await expect(
      db.transaction(async (tx) => {
        await executePrepared(tx as unknown as typeof db, sql`insert into prepared_probe values (${2})`);
        await executePrepared(tx as unknown as typeof db, sql`insert into prepared_probe values (${1})`);
      }),
    ).rejects.toThrow(/duplicate key/);
    const ids = rowsOf<{ id: number }>(await db.execute(sql`select id from prepared_probe order by id`));
    expect(ids.map((r) => r.id)).toEqual([1]);
  });
});

describe('a text that varies with the data', () => {
  let handle: DbHandle;
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
    handle = await createDb({ url: test.url, max: 1 });
  });
  afterAll(async () => {
    await handle?.close();
    await test?.close();
  });

  it('is prepared at most PREPARED_TEXT_LIMIT times in a process, then runs unnamed', async () => {
    const { db } = handle;
    // An IN list of n parameters: a new text for every length.
    const list = (n: number) =>
      sql`select count(*)::int as n from generate_series(1, 1000) g where g in (${sql.join(
        Array.from({ length: n }, (_, i) => sql`${i + 1}`),
        sql`, `,
      )})`;
    for (let n = 1; n <= PREPARED_TEXT_LIMIT + 20; n++) {
      const [row] = rowsOf<{ n: number }>(await executePrepared(db, list(n)));
      expect(row!.n).toBe(n);
    }
    expect(preparedTextCount()).toBe(PREPARED_TEXT_LIMIT);
    const named = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from pg_prepared_statements where statement like '%generate_series%'`,
      ),
    );
    expect(named[0]!.n).toBeLessThanOrEqual(PREPARED_TEXT_LIMIT);
    expect(named[0]!.n).toBeGreaterThan(0);
  });
});
