// Benchmark: a segment's live count over N contacts with three conditions (a tag, an attribute, an
// event in the last 30 days), through the query layer's own function, against the physical limit
// measured in the same run: reading once every row the count must look at (the contacts, their tags,
// the events), each table scanned on its own with nothing to decide.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { countSegment, sql } from '@herald/db';
import { createTestDatabase } from '@herald/db/testing';
import type { SegmentDefinition } from '@herald/engine';
import type { Figure, startRun } from './results';
import { seedTag, seedWorkspace } from '../src/fixtures/seed';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Times `f` `n` times after one warm-up; answers the median in ms and the last result. */
async function timed<T>(n: number, f: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let result = await f();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    result = await f();
    times.push(performance.now() - t);
  }
  return { ms: median(times), result };
}

/**
 * Seeds N contacts where contact g has the tag when g % 2 = 0, the attribute plan = "gold" when
 * g % 3 = 0 (else "free"), and events: a purchase 5 days ago when g % 5 = 0, a purchase 60 days ago
 * when g % 5 = 1, a page view yesterday when g % 5 = 2 — so exactly the g divisible by 30 are in.
 */
export async function segmentBench(
  run: ReturnType<typeof startRun>,
  contacts: number,
): Promise<Record<string, Figure>> {
  const db = await createTestDatabase();
  try {
    const t0 = performance.now();
    const { workspaceId } = await seedWorkspace(db.db);
    const tag = await seedTag(db.db, workspaceId, 'vip');
    await db.db.execute(sql`insert into contacts (workspace_id, external_id, name, attributes)
      select ${workspaceId}::uuid, 's' || g, 'Contact ' || g,
        jsonb_build_object('plan', case when g % 3 = 0 then 'gold' else 'free' end, 'score', g % 100)
      from generate_series(1, ${contacts}) g`);
    const numbered = sql`(select id, substring(external_id from 2)::int as g from contacts
      where workspace_id = ${workspaceId}::uuid)`;
    await db.db.execute(sql`insert into contact_tags (workspace_id, contact_id, tag_id)
      select ${workspaceId}::uuid, x.id, ${tag}::uuid from ${numbered} x where x.g % 2 = 0`);
    await db.db.execute(sql`insert into inbound_events
        (workspace_id, source, external_id, type, contact_id, occurred_at, processed_at)
      select ${workspaceId}::uuid, 'api', 'e' || x.g, case when x.g % 5 = 2 then 'page_view' else 'purchase' end, x.id,
        now() - make_interval(days => case x.g % 5 when 0 then 5 when 1 then 60 else 1 end), now()
      from ${numbered} x where x.g % 5 in (0, 1, 2)`);
    await db.db.execute(sql`vacuum analyze`);
    await db.db.execute(sql`checkpoint`);
    const [{ n: events } = { n: 0 }] = (await db.db.execute(
      sql`select count(*)::int as n from inbound_events`,
    )) as unknown as Array<{ n: number }>;
    console.log(
      `seeded ${contacts.toLocaleString()} contacts, ${events.toLocaleString()} events ` +
        `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // Physical limit: every row the count must read, each table once, nothing decided.
    const scan = await timed(3, async () => {
      await db.db.execute(sql`select count(*) from contacts where workspace_id = ${workspaceId}::uuid`);
      await db.db.execute(sql`select count(*) from contact_tags where tag_id = ${tag}::uuid`);
      await db.db.execute(sql`select count(*) from inbound_events where type = 'purchase'`);
    });
    const rule: SegmentDefinition = {
      match: 'all',
      groups: [
        {
          match: 'all',
          conditions: [
            { kind: 'tag', tagId: tag, has: true },
            { kind: 'attribute', key: 'plan', op: 'eq', value: 'gold' },
            { kind: 'event', eventName: 'purchase', did: true, atLeast: 1, withinDays: 30 },
          ],
        },
      ],
    };
    const count = await timed(3, () => countSegment(db.db, { workspaceId, rule }));
    const expected = Math.floor(contacts / 30);
    run.check(`the segment counted ${count.result} contacts, as seeded ${expected}`, count.result === expected);
    // g in 1..N with g % 5 in (0, 1, 2): three in every five, and the remainder's 1 and 2.
    const seeded = Math.floor(contacts / 5) * 3 + Math.min(contacts % 5, 2);
    run.check(`the events seeded are ${events} of ${seeded}`, events === seeded);
    console.log(`physical limit, one scan of contacts + the tag's rows + purchase events: ${Math.round(scan.ms)} ms`);
    console.log(
      `segment count (tag AND plan = "gold" AND purchase in 30 days) over ${contacts.toLocaleString()} contacts: ` +
        `${Math.round(count.ms)} ms (median of 3, warm) = ${(count.ms / scan.ms).toFixed(2)}x the scan; ` +
        `${count.result.toLocaleString()} contacts, as seeded (goal ≤ 1,000 ms); ` +
        `load average ${loadavg()[0]!.toFixed(1)} on this machine`,
    );
    return { contacts, events, countMs: Math.round(count.ms), scanMs: Math.round(scan.ms), ratio: count.ms / scan.ms };
  } finally {
    await db.close();
  }
}
