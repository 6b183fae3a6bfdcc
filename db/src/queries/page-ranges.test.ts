import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from '@herald/db';
import { bucketLocks } from './contact-rules';
import { bucketAlignedBoundaries, endsItsBucket, exactBoundaries } from './page-ranges';
import { rowsOf } from '../sql-lists';

let db: TestDatabase;
let ids: string[];
beforeAll(async () => {
  db = await createTestDatabase();
  await db.db.execute(sql`create table range_ids as select gen_random_uuid() as id from generate_series(1, 20000)`);
  ids = rowsOf<{ id: string }>(await db.db.execute(sql`select id::text as id from range_ids order by id`)).map(
    (r) => r.id,
  );
});
afterAll(async () => {
  await db.close();
});

/** The ranges planned over range_ids, call after call as a workflow refills its lanes. */
async function plan(
  pageSize: number,
  maxRanges: number,
  boundaries = bucketAlignedBoundaries,
): Promise<Array<{ from: string | null; until: string | null }>> {
  const ranges: Array<{ from: string | null; until: string | null }> = [];
  let after: string | null = null;
  for (let calls = 0; calls < 1000; calls++) {
    const next = await boundaries(db.db, {
      source: sql`select id from range_ids ${after ? sql`where id > ${after}::uuid` : sql``} order by id`,
      pageSize,
      maxRanges,
    });
    for (const b of next.boundaries) {
      ranges.push({ from: after, until: b });
      after = b;
    }
    if (next.done) return [...ranges, { from: after, until: null }];
  }
  throw new Error('planning never ended');
}

const inRange = (id: string, r: { from: string | null; until: string | null }) =>
  (r.from === null || id > r.from) && (r.until === null || id <= r.until);
const dialect = new PgDialect();
/** The advisory locks a page of the range takes (the int[] and boolean[] parameters of bucketLocks): key → shared. */
const locksOf = (r: { from: string | null; until: string | null }): Map<number, boolean> => {
  const locks = bucketLocks('00000000-0000-0000-0000-000000000000', { cursor: r.from, until: r.until });
  const lists = locks
    ? dialect
        .sqlToQuery(locks)
        .params.filter((p): p is string => typeof p === 'string' && p.startsWith('{'))
        .map((p) => p.slice(1, -1).split(','))
    : [[], []];
  return new Map(lists[0]!.map((key, i) => [Number(key), lists[1]![i] === 'true']));
};
/** Whether two pages' locks conflict: a common key either takes exclusively. */
const conflict = (a: Map<number, boolean>, b: Map<number, boolean>) =>
  [...a].some(([key, shared]) => b.has(key) && !(shared && b.get(key)));

describe('page ranges cut where a lock bucket ends', () => {
  it('covers every id once, at most a page a range, and adjacent ranges take no conflicting lock', async () => {
    for (const [pageSize, maxRanges] of [
      [1000, 64],
      [1000, 3],
      [2500, 2],
    ] as const) {
      const ranges = await plan(pageSize, maxRanges);
      const sizes = ranges.map((r) => ids.filter((id) => inRange(id, r)).length);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(ids.length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(pageSize);
      // Packed bucket by bucket (about 5 ids each): every range but the last is all but full.
      for (const size of sizes.slice(0, -1)) expect(size).toBeGreaterThan(pageSize - 30);
      for (const r of ranges.slice(0, -1)) expect(endsItsBucket(r.until!)).toBe(true);
      for (let i = 1; i < ranges.length; i++)
        expect(conflict(locksOf(ranges[i - 1]!), locksOf(ranges[i]!))).toBe(false);
    }
  });

  it('makes pages that could share a contact conflict', () => {
    const range = (from: string | null, until: string | null) => locksOf({ from, until });
    const id = (head: string) => `${head}00000-0000-0000-0000-000000000000`;
    const end = (head: string) => `${head}fffff-ffff-ffff-ffff-ffffffffffff`;
    // Two halves of byte 3a, cut at a bucket's end: no conflict; each against a page over the whole byte, or
    // over a range from inside either half (a continuation's cursor is any id), a conflict.
    const [left, right] = [range(end('39f'), end('3a7')), range(end('3a7'), end('3af'))];
    expect(conflict(left, right)).toBe(false);
    expect(conflict(left, range(null, null))).toBe(true);
    expect(conflict(right, range(id('3a9'), null))).toBe(true);
    expect(conflict(left, range(null, id('3a2')))).toBe(true);
    // Listed contacts lock their bytes whole.
    const listed = bucketLocks('00000000-0000-0000-0000-000000000000', {
      cursor: null,
      until: null,
      contactIds: [id('3a5')],
    });
    expect(conflict(left, new Map([[0x3a, false]]))).toBe(true);
    expect(dialect.sqlToQuery(listed!).params).toContain('{58}');
  });

  it('keeps a span of buckets it must not cut in one range, however many ids it holds', async () => {
    // An open batch's rows from bucket 200 to bucket 3ff (about 2,500 ids): pages of 1,000 would cut it twice. The
    // span's last bucket holds no id here (as for 0.8% of random ids: this test once failed so): its range still
    // ends with the span, not a bucket later.
    const whole = [{ first: '200', last: '3ff' }];
    const { boundaries } = await bucketAlignedBoundaries(db.db, {
      source: sql`select id from range_ids where substr(id::text, 1, 3) <> '3ff' order by id`,
      pageSize: 1000,
      maxRanges: 64,
      whole,
    });
    const spanning = boundaries.filter((b) => b.slice(0, 3) >= '200' && b.slice(0, 3) < '3ff');
    expect(spanning).toEqual([]);
    expect(boundaries).toContain(`3ff${'fffff-ffff-ffff-ffff-ffffffffffff'}`);
    expect(boundaries.length).toBeGreaterThan(10);
  });

  it('is one range when the ids fit in a page', async () => {
    expect(await plan(50_000, 64)).toEqual([{ from: null, until: null }]);
  });

  it('cuts exact pages where calls are scarce: every range a full page but the last, and none empty', async () => {
    const sizes = async (pageSize: number) =>
      (await plan(pageSize, 3, exactBoundaries)).map(
        (r) => ids.filter((id) => (r.from === null || id > r.from) && (r.until === null || id <= r.until)).length,
      );
    expect(await sizes(2500)).toEqual(Array(8).fill(2500));
    expect(await sizes(3000)).toEqual([...Array(6).fill(3000), 2000]);
    expect(await sizes(30000)).toEqual([20000]);
  });
});
