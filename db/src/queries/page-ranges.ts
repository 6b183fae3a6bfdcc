import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../sql-lists';

/**
 * What follows an id's first three hex digits (its lock bucket: 4,096 of them, 16 to a first byte) in the
 * last possible id of the bucket: a boundary no page range shares.
 */
const bucketTail = 'fffff-ffff-ffff-ffff-ffffffffffff';

/** Whether `id` is a range boundary that ends a lock bucket (see bucketTail): the next range starts at the next one. */
export const endsItsBucket = (id: string): boolean => id.slice(3) === bucketTail;

/** Lock buckets (first three hex digits of an id) from `first` to `last`, inclusive, that one range must hold whole. */
export interface BucketSpan {
  first: string;
  last: string;
}

/**
 * Boundaries of disjoint ranges of the ids `source` selects (a subquery with an `id` column, in id
 * order), at most `maxRanges`: each range ends where a lock bucket of the ids ends (their first three
 * hex digits) and holds at most `pageSize` ids (a bucket that alone holds more is a range of its own).
 * Pages of adjacent ranges then take no common exclusive per-contact lock (`bucketLocks`), so a run's
 * lanes record their pages side by side; ranges cut at every `pageSize`-th id share a bucket at each
 * boundary, and the lanes' pages waited for one another in a chain (measured: 11 s of 50 lane-seconds
 * in the journey benchmark's first send at 100,000). Cut at first bytes instead, pages held up to a
 * byte's worth less than a page (7,800 of 10,000 at a million contacts: 28% more pages, and mass calls);
 * at three digits, at most 1/4,096 of the ids less. One pass over at most `maxRanges × pageSize` ids,
 * packed bucket by bucket; `done` when the ids end after the last boundary. No boundary falls inside a
 * span of `whole` (first and last bucket, inclusive): such a span's ids stay in one range, however many.
 */
export async function bucketAlignedBoundaries(
  db: HeraldDb,
  q: { source: SQL; pageSize: number; maxRanges: number; whole?: readonly BucketSpan[] },
): Promise<{ boundaries: string[]; done: boolean }> {
  const scan = q.maxRanges * q.pageSize;
  // The ids counted per bucket in one pass; packing the (at most 4,096) counts is a loop here, where a
  // recursive CTE joins its working row against every bucket at each step.
  const counts = rowsOf<{ b: string; n: number }>(
    await db.execute(sql`
    select substr(id::text, 1, 3) as b, count(*)::int as n
    from (select id from (${q.source}) s limit ${scan + 1}) ids
    group by 1
    order by 1`),
  );
  const spans = q.whole ?? [];
  // Where a range may end between two buckets that hold ids, `prev` and `next` (none between them holds any): at
  // the end of the first bucket from `prev` on that no span continues past (a span's last bucket may end a
  // range); null when a span runs on to `next`. (Ending only at `prev` kept a range open past a span whose last
  // bucket held no ids, and it took a bucket more.)
  const cut = (prev: string, next: string): string | null => {
    for (let b = prev; ;) {
      const span = spans.find((s) => s.first <= b && b < s.last);
      if (!span) return b;
      if (span.last >= next) return null;
      b = span.last;
    }
  };
  const boundaries: string[] = [];
  let held = 0;
  for (const [i, { b, n }] of counts.entries()) {
    const at = i > 0 && held + n > q.pageSize ? cut(counts[i - 1]!.b, b) : null;
    if (at !== null) {
      if (boundaries.length === q.maxRanges) break;
      boundaries.push(`${at}${bucketTail}`);
      held = 0;
    }
    held += n;
  }
  const more = counts.reduce((sum, c) => sum + c.n, 0) > scan;
  // Ids beyond the scan: the next call goes on after the last boundary (none found: one range takes the rest).
  return { boundaries, done: boundaries.length < q.maxRanges && !(more && boundaries.length > 0) };
}

/**
 * Boundaries of disjoint ranges of the ids `source` selects (in id order) of exactly `pageSize` ids each (the last
 * range the rest), at most `maxRanges`: every `pageSize`-th id. For pages whose calls are scarce (see
 * `callsAreScarce`): cut where lock buckets end, a page holds up to a bucket less (at a million contacts ~240 ids
 * of 10,000), and a million fans took 102 WeChat mass calls where the platform allows 100 a day. Adjacent ranges
 * then share a lock bucket, so two lanes' adjacent pages record one after the other. `done` as for
 * `bucketAlignedBoundaries`.
 */
export async function exactBoundaries(
  db: HeraldDb,
  q: { source: SQL; pageSize: number; maxRanges: number },
): Promise<{ boundaries: string[]; done: boolean }> {
  const scan = q.maxRanges * q.pageSize;
  const [row] = rowsOf<{ cuts: string[] | null; total: number }>(
    await db.execute(sql`
    select array_agg(id::text order by n) filter (where n % ${q.pageSize} = 0) as cuts, count(*)::int as total
    from (select id, row_number() over (order by id) as n
      from (select id from (${q.source}) s limit ${scan + 1}) ids) numbered`),
  );
  const total = row?.total ?? 0;
  // A cut at the very last id would leave an empty range after it.
  const boundaries = (row?.cuts ?? []).filter((_, i) => (i + 1) * q.pageSize < total);
  return { boundaries, done: total <= scan };
}
