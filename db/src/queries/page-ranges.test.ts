import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from '@herald/db';
import { bucketLocks } from './contact-rules';
import { byteAlignedBoundaries, endsItsByte } from './page-ranges';
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
): Promise<Array<{ from: string | null; until: string | null }>> {
  const ranges: Array<{ from: string | null; until: string | null }> = [];
  let after: string | null = null;
  for (let calls = 0; calls < 1000; calls++) {
    const next = await byteAlignedBoundaries(db.db, {
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
/** The first bytes whose advisory locks a page of the range takes (the int[] parameter of bucketLocks). */
const lockedBytes = (r: { from: string | null; until: string | null }) => {
  const locks = bucketLocks('00000000-0000-0000-0000-000000000000', { cursor: r.from, until: r.until });
  const list = locks ? dialect.sqlToQuery(locks).params.find((p) => typeof p === 'string' && p.startsWith('{')) : '{}';
  return new Set(String(list).slice(1, -1).split(',').filter(Boolean).map(Number));
};

describe('page ranges cut where a first byte ends', () => {
  it('covers every id once, at most a page a range, and adjacent ranges lock no common byte', async () => {
    for (const [pageSize, maxRanges] of [
      [1000, 64],
      [1000, 3],
      [2500, 2],
    ] as const) {
      const ranges = await plan(pageSize, maxRanges);
      const sizes = ranges.map((r) => ids.filter((id) => inRange(id, r)).length);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(ids.length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(pageSize);
      // Packed byte by byte: no two neighbours would have fit in one page.
      for (let i = 1; i < sizes.length - 1; i++) expect(sizes[i - 1]! + sizes[i]!).toBeGreaterThan(pageSize - 200);
      for (const r of ranges.slice(0, -1)) expect(endsItsByte(r.until!)).toBe(true);
      for (let i = 1; i < ranges.length; i++) {
        const before = lockedBytes(ranges[i - 1]!);
        expect([...lockedBytes(ranges[i]!)].filter((b) => before.has(b))).toEqual([]);
      }
    }
  });

  it('is one range when the ids fit in a page', async () => {
    expect(await plan(50_000, 64)).toEqual([{ from: null, until: null }]);
  });
});
