import { sql, type SQL } from 'drizzle-orm';
import type { Plan } from '@herald/engine';
import type { HeraldDb } from '../client';
import { executePrepared } from '../prepared';
import { rowsOf, setOfRows } from '../rows';
import { timestamp as ts, uuidList } from '../sql-lists';
import { arrival } from './journey-arrival';
import { enteringColumns } from './journey-holdout';

/** A stored event not yet matched to journeys. */
export interface PendingEvent {
  id: number;
  workspaceId: string;
  externalId: string;
  type: string;
  contactId: string | null;
  properties: Record<string, unknown>;
  occurredAt: string;
}

/**
 * Takes the oldest unprocessed events (at most `limit`), locked for the caller's transaction;
 * events another drainer holds are skipped, so several API replicas share the backlog.
 */
export async function takePendingEvents(tx: HeraldDb, limit: number): Promise<PendingEvent[]> {
  return rowsOf<PendingEvent>(
    await executePrepared(
      tx,
      sql`
    select id, workspace_id as "workspaceId", external_id as "externalId", type, contact_id as "contactId", properties,
      occurred_at as "occurredAt"
    from inbound_events where processed_at is null order by id limit ${limit} for update skip locked`,
    ),
  ).map((e) => ({ ...e, id: Number(e.id) }));
}

/**
 * Whether any stored event waits to be matched, read outside a transaction: a drainer tick that finds none opens
 * none. On the embedded default an empty tick's transaction (BEGIN, then the take) held PGlite's one connection
 * idle for two round trips: 538 such ticks in an embedded storm, 2.2 s of its 4.3 s idle in a transaction.
 */
export async function hasPendingEvents(db: HeraldDb): Promise<boolean> {
  const [row] = rowsOf<{ pending: boolean }>(
    await executePrepared(db, sql`select exists (select 1 from inbound_events where processed_at is null) as pending`),
  );
  return row?.pending === true;
}

/** Marks events matched (they never match again). */
export async function markEventsProcessed(tx: HeraldDb, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await executePrepared(
    tx,
    sql`update inbound_events set processed_at = now() where id = any(${`{${ids.join(',')}}`}::bigint[])`,
  );
}

/** A run that may hold contacts: its journey, version and kind. */
export interface LiveRun {
  runId: string;
  journeyId: string;
  journeyVersionId: string;
  kind: 'broadcast' | 'journey';
  closed: boolean;
  /** The journey's current status and version (entries go to the live version's open run only). */
  journeyStatus: string;
  current: boolean;
}

/**
 * Every run of a workspace's journeys that is not finished: real-time runs take entries, any may hold waiting contacts.
 */
export async function liveRuns(db: HeraldDb, workspaceId: string): Promise<LiveRun[]> {
  return rowsOf<LiveRun>(
    await executePrepared(
      db,
      sql`
    select r.id as "runId", j.id as "journeyId", v.id as "journeyVersionId", r.kind, r.closed_at is not null as closed,
      j.status as "journeyStatus", j.current_version_id = v.id as current
    from runs r join journey_versions v on v.id = r.journey_version_id join journeys j on j.id = v.journey_id
    where r.workspace_id = ${workspaceId}::uuid and r.status in ('running', 'paused') and j.kind = 'journey'`,
    ),
  );
}

/** The stored plans of versions (JSON as published; versions never change, so callers may keep them). */
export async function versionPlans(db: HeraldDb, versionIds: readonly string[]): Promise<Map<string, unknown>> {
  if (versionIds.length === 0) return new Map();
  const rows = rowsOf<{ id: string; plan: unknown }>(
    await db.execute(sql`select id, plan from journey_versions where id = any(${uuidList(versionIds)})`),
  );
  return new Map(rows.map((r) => [r.id, r.plan]));
}

/** A candidate entry: the contact, the event that brings it, the event's order. */
export interface EntryCandidate {
  contactId: string;
  eventId: string;
  seq: number;
}

/**
 * Records a batch of entries of one journey, honouring its re-entry rule in one statement: `never`
 * (or `after` days) skips a contact with an earlier entry (in its window) and any second one in the
 * batch, with reason `reentry`; `always` takes them all. Idempotent on (journey, contact, event).
 * The caller holds the journey's lock (`lockJourney`), so two drainers cannot both let one in.
 * Returns how many were queued (the run's workflow takes them in, on its own clock).
 */
export async function recordEntries(
  tx: HeraldDb,
  run: { workspaceId: string; journeyId: string; journeyVersionId: string },
  reentry: { mode: 'never' } | { mode: 'after'; days: number } | { mode: 'always' },
  candidates: readonly EntryCandidate[],
): Promise<number> {
  if (candidates.length === 0) return 0;
  const input = JSON.stringify(candidates.map((c) => ({ c: c.contactId, e: c.eventId, s: c.seq })));
  const window =
    reentry.mode === 'after' ? sql`and p.enqueued_at > now() - make_interval(days => ${reentry.days})` : sql``;
  const blocked =
    reentry.mode === 'always'
      ? sql`false`
      : sql`(x.rn > 1 or exists (select 1 from journey_entries p where p.journey_id = ${run.journeyId}::uuid
          and p.contact_id = x.c and p.status <> 'skipped' and p.event_id <> x.e ${window}))`;
  const [row] = rowsOf<{ n: number }>(
    await executePrepared(
      tx,
      sql`
    with x as (
      select c, e, row_number() over (partition by c order by s) as rn
      from jsonb_to_recordset(${input}::jsonb) as i(c uuid, e text, s bigint)),
    ins as (
      insert into journey_entries (workspace_id, journey_id, journey_version_id, contact_id, event_id, status, reason)
      select ${run.workspaceId}::uuid, ${run.journeyId}::uuid, ${run.journeyVersionId}::uuid, x.c, x.e,
        case when ${blocked} then 'skipped' else 'queued' end, case when ${blocked} then 'reentry' end
      from x on conflict (journey_id, contact_id, event_id) do nothing returning status)
    select count(*) filter (where status = 'queued')::int as n from ins`,
    ),
  );
  return row?.n ?? 0;
}

/** Serialises entry decisions of one journey across drainers, for the caller's transaction. */
export async function lockJourney(tx: HeraldDb, journeyId: string): Promise<void> {
  await executePrepared(tx, sql`select pg_advisory_xact_lock(hashtext('journey-entries'), hashtext(${journeyId}))`);
}

/**
 * Queued entries of a version become rows of its run at the plan's first step, in their arrival
 * state, and are marked entered — one statement for up to `limit` of them. Returns how many.
 */
export async function enterQueued(
  tx: HeraldDb,
  plan: Plan,
  run: { workspaceId: string; runId: string; journeyVersionId: string },
  now: Date,
  limit: number,
): Promise<number> {
  const arrive = enteringColumns(plan, arrival(plan, sql`${plan.entry}::text`, now), sql`q.contact_id`);
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`
    with q as (
      select id, contact_id from journey_entries
      where journey_version_id = ${run.journeyVersionId}::uuid and status = 'queued'
      order by id limit ${limit} for update skip locked),
    ins as (
      insert into journey_states (workspace_id, run_id, contact_id, entry_seq, journey_version_id, node_id, status,
        entered_at, joined_at, due_at, awaiting)
      select ${run.workspaceId}::uuid, ${run.runId}::uuid, q.contact_id, q.id, ${run.journeyVersionId}::uuid,
        ${plan.entry ?? ''}, ${arrive.status}, ${ts(now)}, ${ts(now)}, ${arrive.dueAt}, ${arrive.awaiting}
      from q where ${plan.entry}::text is not null on conflict do nothing returning status),
    marked as (update journey_entries set status = 'entered', started_at = ${ts(now)} where id in (select id from q)),
    arrived as (
      insert into node_stats (workspace_id, journey_version_id, node_id, entered, waiting)
      select ${run.workspaceId}::uuid, ${run.journeyVersionId}::uuid, ${plan.entry ?? ''},
        count(*) filter (where status <> 'held_out'), count(*) filter (where status = 'active')
      from ins having count(*) filter (where status <> 'held_out') > 0
      on conflict (journey_version_id, node_id) do update
        set entered = node_stats.entered + excluded.entered, waiting = node_stats.waiting + excluded.waiting)
    select count(*)::int as n from q`),
  );
  return row?.n ?? 0;
}

/** Runs with entries queued for longer than `olderThanMs` (their wake-up may have been lost): they are woken again. */
export async function runsWithStaleEntries(db: HeraldDb, olderThanMs: number, limit = 100): Promise<string[]> {
  return rowsOf<{ id: string }>(
    await db.execute(sql`
    select distinct r.id from journey_entries e
    join runs r on r.journey_version_id = e.journey_version_id and r.kind = 'journey'
    where e.status = 'queued' and e.enqueued_at < now() - make_interval(secs => ${olderThanMs / 1000}) limit ${limit}`),
  ).map((r) => r.id);
}

/** An awaited event for contacts of a run, at some of its wait-for-event steps. */
export interface Arrived {
  runId: string;
  nodeIds: string[];
  contactId: string;
  eventName: string;
  at: string;
}

/**
 * Wakes contacts waiting for an event: rows at one of the named steps, awaiting that event, get its
 * time and are due now (the step then takes its "event" output). Returns the runs that moved.
 */
export async function markEventArrivals(tx: HeraldDb, arrivals: readonly Arrived[], now: Date): Promise<string[]> {
  if (arrivals.length === 0) return [];
  const input = JSON.stringify(
    arrivals.map((a) => ({ r: a.runId, n: a.nodeIds, c: a.contactId, e: a.eventName, t: a.at })),
  );
  return moveActiveStates(tx, {
    input,
    columns: sql.raw('r uuid, n jsonb, c uuid, e text, t timestamptz'),
    where: sql`and s.awaiting = x.e and x.n ? s.node_id`,
    set: sql`event_at = coalesce(s.event_at, hit.t), due_at = ${ts(now)}`,
  });
}

/**
 * The journey's goal reached: the contact's rows in these runs leave at their next look, which is
 * now. Returns the runs that hold such contacts.
 */
export async function markGoals(
  tx: HeraldDb,
  goals: ReadonlyArray<{ runId: string; contactId: string }>,
  now: Date,
): Promise<string[]> {
  if (goals.length === 0) return [];
  const input = JSON.stringify(goals.map((g) => ({ r: g.runId, c: g.contactId })));
  return moveActiveStates(tx, {
    input,
    columns: sql.raw('r uuid, c uuid'),
    where: sql``,
    set: sql`goal_at = coalesce(s.goal_at, ${ts(now)}), due_at = ${ts(now)}`,
  });
}

/**
 * Updates, with `set`, the active rows of the (run `r`, contact `c`) pairs that `input` lists (a JSON
 * array of records of `columns`) and that `where` narrows further, each locked first; `hit` holds the
 * pair's fields for `set`. Returns the runs whose rows moved.
 */
async function moveActiveStates(
  tx: HeraldDb,
  p: { input: string; columns: SQL; where: SQL; set: SQL },
): Promise<string[]> {
  return rowsOf<{ run_id: string }>(
    await tx.execute(sql`
    with x as (select * from jsonb_to_recordset(${p.input}::jsonb) as i(${p.columns})),
    hit as (
      select w.tid, x.* from x cross join lateral (
        select s.ctid as tid from journey_states s where s.run_id = x.r and s.contact_id = x.c and s.status = 'active'
          ${p.where} for update) w),
    moved as (update journey_states s set ${p.set} from hit where s.ctid = hit.tid returning s.run_id)
    select distinct run_id from moved`),
  ).map((r) => r.run_id);
}

/**
 * Contacts of a journey with an entry that the first engine's per-contact workflows run (they get events as signals).
 */
export async function legacyEntered(
  db: HeraldDb,
  journeyId: string,
  contactIds: readonly string[],
): Promise<Set<string>> {
  return setOfRows(
    db,
    contactIds,
    () => sql`
      select distinct contact_id from journey_entries where journey_id = ${journeyId}::uuid and status = 'started'
        and contact_id = any(${uuidList(contactIds)})`,
    (r: { contact_id: string }) => r.contact_id,
  );
}
