import { sql, type SQL } from 'drizzle-orm';
import { cohortStepId, type Plan } from '@herald/engine';
import { scanCohorts } from './journey-cohorts';
import type { HeraldDb } from '../client';
import { idRange, rowsOf, timestamp as ts } from '../sql-lists';
import { deliverySettledAtStep } from '../ledger';
import { audiencePredicate, type AudienceQuery } from './audience';
import { arrival } from './journey-arrival';
import { enteringColumns, heldOut } from './journey-holdout';
import { bucketAlignedBoundaries, exactBoundaries, type BucketSpan } from './page-ranges';
import { batchRows } from './page-rows';

/** Where new arrivals land: the run, its version and the step they arrive at. */
export interface Landing {
  workspaceId: string;
  runId: string;
  journeyVersionId: string;
  /** The step they arrive at (null: the journey ends there, nothing is written). */
  nodeId: string | null;
  now: Date;
}

/** The columns every new state row of a landing fills (the arrival's wake-up aside). */
const stateColumns = sql`workspace_id, run_id, contact_id, entry_seq, journey_version_id, node_id, status,
  entered_at, joined_at`;

/** A landing's first values of a new state row for `contact`: up to its step (`node_id`). */
const landedAt = (l: Landing, contact: SQL) =>
  sql`${l.workspaceId}::uuid, ${l.runId}::uuid, ${contact}, 0, ${l.journeyVersionId}::uuid, ${l.nodeId}`;

/** Counts arrivals at their step (entered, and waiting while active), as a CTE over `ins(status)`. */
const arrivedCte = (l: Landing) => sql`arrived as (
    insert into node_stats (workspace_id, journey_version_id, node_id, entered, waiting)
    select ${l.workspaceId}::uuid, ${l.journeyVersionId}::uuid, ${l.nodeId},
      count(*) filter (where status <> 'held_out'), count(*) filter (where status = 'active')
    from ins
    having count(*) filter (where status <> 'held_out') > 0
    on conflict (journey_version_id, node_id) do update
      set entered = node_stats.entered + excluded.entered, waiting = node_stats.waiting + excluded.waiting)`;

/**
 * A batch run's audience page enters its first step (one statement): every contact of the page in
 * id order becomes a row at `landing.nodeId` in its arrival state. A contact already in the run is
 * left as it is, so a repeated page enters nobody twice.
 */
export async function enterAudiencePage(
  db: HeraldDb,
  plan: Plan,
  landing: Landing,
  q: AudienceQuery,
): Promise<{ processed: number; entered: number; lastId: string | null }> {
  const arrive = enteringColumns(plan, arrival(plan, sql`${landing.nodeId}::text`, landing.now), sql`id`);
  const [row] = rowsOf<{ processed: number; entered: number; lastId: string | null }>(
    await db.execute(sql`
    with source as (
      select c.id from contacts c
      where c.workspace_id = ${q.workspaceId}::uuid ${idRange(sql`c.id`, q.cursor, q.until)} and ${audiencePredicate(q)}
      order by c.id
      limit ${q.limit}),
    ins as (
      insert into journey_states (${stateColumns}, due_at, awaiting)
      select ${landedAt(landing, sql`id`)},
        ${arrive.status}, ${ts(landing.now)}, ${ts(landing.now)}, ${arrive.dueAt}, ${arrive.awaiting}
      from source
      on conflict do nothing
      returning status),
    ${arrivedCte(landing)}
    select (select count(*) from source)::int as processed, (select count(*) from ins)::int as entered,
      (select max(id::text) from source) as "lastId"`),
  );
  return { processed: row?.processed ?? 0, entered: row?.entered ?? 0, lastId: row?.lastId ?? null };
}

/**
 * After a batch run's first step was a send over an audience page: the page's contacts whose
 * message is recorded and settled go on to the send's next step (`landing.nodeId`), once each.
 */
export async function enterAfterSend(
  db: HeraldDb,
  plan: Plan,
  landing: Landing,
  send: { nodeId: string; cursor: string | null; until: string | null },
): Promise<number> {
  if (landing.nodeId === null) return 0;
  const arrive = arrival(plan, sql`${landing.nodeId}::text`, landing.now);
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
    with ins as (
      insert into journey_states (${stateColumns}, due_at, awaiting)
      select ${landedAt(landing, sql`d.contact_id`)},
        ${arrive.status}, ${ts(landing.now)}, d.created_at, ${arrive.dueAt}, ${arrive.awaiting}
      from deliveries d
      where d.run_id = ${landing.runId}::uuid and d.node_id = ${send.nodeId} and d.entry_seq = 0 and d.message_index = 0
        ${idRange(sql`d.contact_id`, send.cursor, send.until)}
        and ${deliverySettledAtStep(landing.runId, send.nodeId)}
      on conflict do nothing
      returning status),
    ${arrivedCte(landing)}
    select count(*)::int as n from ins`),
  );
  return row?.n ?? 0;
}

/**
 * What is due in a run now: the steps with due contacts (and how many), the next wake-up, whether
 * anyone is still in.
 */
export interface RunScan {
  due: Array<{ nodeId: string; count: number }>;
  nextDueAt: number | null;
  active: boolean;
}

/**
 * Scans a run's due contacts by step (index range on (run, due_at); at most `cap` rows counted), and with `cohorts`
 * its ledger cohorts (each due wait's under its pseudo step, `cohortStepId`).
 */
export async function scanRun(
  db: HeraldDb,
  runId: string,
  now: Date,
  opts: { cohorts: boolean; cap?: number },
): Promise<RunScan> {
  const cap = opts.cap ?? 100_000;
  const due = rowsOf<{ nodeId: string; count: number }>(
    await db.execute(sql`
    select node_id as "nodeId", count(*)::int as count from (
      select node_id from journey_states
      where run_id = ${runId}::uuid and status = 'active' and due_at <= ${ts(now)}
      limit ${cap}) d
    group by node_id
    order by node_id`),
  );
  // Only a plan that keeps a ledger cohort has any: a real-time run's rounds (every 100 ms in a storm) skip the read.
  const cohorts = opts.cohorts ? await scanCohorts(db, runId, now) : { due: [], nextDueAt: null, pending: false };
  for (const c of cohorts.due) due.push({ nodeId: cohortStepId(c.waitId), count: c.members });
  const [next] = rowsOf<{ at: string | Date | null; active: boolean }>(
    await db.execute(sql`
    select (select min(due_at) from journey_states
        where run_id = ${runId}::uuid and status = 'active' and due_at > ${ts(now)}) as at,
      exists (select 1 from journey_states where run_id = ${runId}::uuid and status = 'active') as active`),
  );
  const stateNext = next?.at ? new Date(next.at).getTime() : null;
  const times = [stateNext, cohorts.nextDueAt].filter((t): t is number => t !== null);
  return {
    due,
    nextDueAt: times.length > 0 ? Math.min(...times) : null,
    active: (next?.active ?? false) || cohorts.pending,
  };
}

/**
 * Boundaries of disjoint ranges of the contacts due at a step after `after` (at most `pageSize` each,
 * cut where a lock bucket ends: see bucketAlignedBoundaries), at most `maxRanges` of them: ranges that
 * workers move in parallel (as a broadcast's audience ranges). A batch an earlier execution left
 * `sending` at the step stays in one range: the page that takes it over sends all of it (take-over.ts),
 * and two pages sharing it would both. `exact`: ranges of exactly a page each, for a send whose calls are
 * scarce (exactBoundaries), unless a batch is open there.
 */
export async function stepBoundaries(
  db: HeraldDb,
  q: {
    runId: string;
    nodeId: string;
    now: Date;
    after: string | null;
    pageSize: number;
    maxRanges: number;
    exact?: boolean;
  },
): Promise<{ boundaries: string[]; done: boolean }> {
  const whole = await openBatchSpans(db, q);
  const source = sql`select contact_id as id from journey_states
      where run_id = ${q.runId}::uuid and node_id = ${q.nodeId} and status = 'active' and due_at <= ${ts(q.now)}
        ${q.after ? sql`and contact_id > ${q.after}::uuid` : sql``}
      order by contact_id`;
  const ranges = { source, pageSize: q.pageSize, maxRanges: q.maxRanges };
  // Exact ranges cut anywhere: with a batch left open (an attempt that failed before settling it), bucket-aligned
  // ranges keep its rows together, a call more at worst in that rare case.
  if (q.exact && whole.length === 0) return exactBoundaries(db, ranges);
  return bucketAlignedBoundaries(db, { ...ranges, whole });
}

/**
 * The held-out part of a batch run's audience page whose first step is a send (which never sees
 * them): recorded as held-out rows, once each, for the contacts after `cursor` up to `until`. The
 * audience is tested in a lateral subquery, so only for the held-out contacts of the range, each through
 * its own index entries: as a semi-join the planner hashed the whole audience (every contact of the tag)
 * for each page.
 */
export async function enterHeldOut(
  db: HeraldDb,
  plan: Pick<Plan, 'journeyId' | 'settings'>,
  landing: Landing,
  q: Omit<AudienceQuery, 'limit'>,
): Promise<number> {
  const held = heldOut(plan, sql`c.id`);
  if ((plan.settings.holdoutPercent ?? 0) <= 0) return 0;
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
    with ins as (
      insert into journey_states (${stateColumns})
      select ${landedAt(landing, sql`c.id`)}, 'held_out', ${ts(landing.now)}, ${ts(landing.now)}
      from contacts c
      cross join lateral (select 1 where ${audiencePredicate({ ...q, limit: 0 })} offset 0) a
      where c.workspace_id = ${q.workspaceId}::uuid ${idRange(sql`c.id`, q.cursor, q.until)} and ${held}
      on conflict do nothing
      returning 1)
    select count(*)::int as n from ins`),
  );
  return row?.n ?? 0;
}

/**
 * The lock buckets each batch still `sending` at a run's step spans with its open rows (first and last
 * contact): none, unless an execution of a page failed or was retried before settling its batch.
 */
async function openBatchSpans(db: HeraldDb, q: { runId: string; nodeId: string }): Promise<BucketSpan[]> {
  const open = rowsOf<{ id: string }>(
    await db.execute(sql`select id from delivery_batches
      where run_id = ${q.runId}::uuid and node_id = ${q.nodeId} and status = 'sending'`),
  );
  if (open.length === 0) return [];
  const spans = new Map<number, BucketSpan>();
  for (const r of await batchRows(db, { batchIds: open.map((b) => Number(b.id)) })) {
    if (r.status !== 'sent') continue;
    const bucket = r.contactId.slice(0, 3);
    const span = spans.get(r.batchId!);
    if (!span) spans.set(r.batchId!, { first: bucket, last: bucket });
    else if (bucket < span.first) span.first = bucket;
    else if (bucket > span.last) span.last = bucket;
  }
  return [...spans.values()];
}
