import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../sql-lists';

/** The last possible id whose first byte is `byte` (two hex digits): a boundary no page range shares. */
const byteEnd = (byte: SQL) => sql`${byte} || 'ffffff-ffff-ffff-ffff-ffffffffffff'`;

/** Whether `id` is a range boundary that ends a first byte (see byteEnd): the next range starts at the next byte. */
export const endsItsByte = (id: string): boolean => id.slice(2) === 'ffffff-ffff-ffff-ffff-ffffffffffff';

/**
 * Boundaries of disjoint ranges of the ids `source` selects (a subquery with an `id` column, in id
 * order), at most `maxRanges`: each range ends where a first byte of the ids ends and holds at most
 * `pageSize` ids (a byte that alone holds more is a range of its own). Pages of adjacent ranges then
 * take no common per-contact lock (`bucketLocks`: one per first byte), so a run's lanes record their
 * pages side by side; ranges cut at every `pageSize`-th id share a byte at each boundary, and the
 * lanes' pages waited for one another in a chain. (Used for a run's steps; a broadcast's audience
 * ranges still cut at every `pageSize`-th id.) One pass over at most `maxRanges × pageSize` ids,
 * packed byte by byte (at most 256 groups); `done` when the ids end after the last boundary.
 */
export async function byteAlignedBoundaries(
  db: HeraldDb,
  q: { source: SQL; pageSize: number; maxRanges: number },
): Promise<{ boundaries: string[]; done: boolean }> {
  const scan = q.maxRanges * q.pageSize;
  const [row] = rowsOf<{ ids: string[] | string | null; more: boolean }>(
    await db.execute(sql`
    with recursive ids as (select id from (${q.source}) s limit ${scan + 1}),
    bytes as (select substr(id::text, 1, 2) as b, count(*)::int as n from ids group by 1),
    ordered as (select b, n, row_number() over (order by b)::int as i from bytes),
    pack as (
      select i, b, n as acc, false as cut from ordered where i = 1
      union all
      select o.i, o.b, case when p.acc + o.n > ${q.pageSize} then o.n else p.acc + o.n end, p.acc + o.n > ${q.pageSize}
      from pack p join ordered o on o.i = p.i + 1),
    cuts as (select cut, lag(b) over (order by i) as before from pack)
    select array(select ${byteEnd(sql`before`)} from cuts where cut order by 1 limit ${q.maxRanges}) as ids,
      (select count(*) from ids) > ${scan} as more`),
  );
  const ids = typeof row?.ids === 'string' ? parseTextArray(row.ids) : (row?.ids ?? []);
  // Ids beyond the scan: the next call goes on after the last boundary (none found: one range takes the rest).
  return { boundaries: ids, done: ids.length < q.maxRanges && !(row?.more && ids.length > 0) };
}

/** A PostgreSQL text[] literal of plain tokens (as the ids above), for drivers that return arrays as text. */
const parseTextArray = (text: string): string[] => (text === '{}' ? [] : text.slice(1, -1).split(','));
