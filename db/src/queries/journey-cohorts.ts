import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { indexProbeSettings } from '../ledger';
import { rowsOf, timestamp as ts } from '../sql-lists';

/**
 * A batch run's ledger cohorts (engine/src/plan/ledger-cohort.ts): the contacts of each entry page of a first send
 * that wait out the fixed wait after it, kept as the send's ledger rows of the page's range instead of state rows.
 */
export interface CohortPlace {
  workspaceId: string;
  runId: string;
  journeyVersionId: string;
}

/** One entry page's cohort: its range of contact ids, (after, until]. */
export interface CohortRange {
  after: string | null;
  until: string;
  members: number;
}

/**
 * A range of one step's ledger rows, `s`, by the ledger key alone: row comparisons on (run, step, contact), which
 * only the key index (run, node, contact, …) takes as its bounds. With `run_id = …` the planner could read the run's
 * rows by (run, status) instead — and did, its statistics from before the run saying the run held one row: every
 * cohort's close read the run's two million rows (auto_explain over the journey benchmark at a million, 365–668 ms a
 * close, 1.2 s a reminder page, in the runs where autovacuum had not yet come by). Run where sequential scans are off.
 */
export function ledgerKeyRange(runId: string, nodeId: string, range: { after: string | null; until: string | null }) {
  const lower = range.after
    ? sql`(s.run_id, s.node_id, s.contact_id) > (${runId}::uuid, ${nodeId}::text, ${range.after}::uuid)`
    : sql`(s.run_id, s.node_id) >= (${runId}::uuid, ${nodeId}::text)`;
  const upper = range.until
    ? sql`(s.run_id, s.node_id, s.contact_id) <= (${runId}::uuid, ${nodeId}::text, ${range.until}::uuid)`
    : sql`(s.run_id, s.node_id) <= (${runId}::uuid, ${nodeId}::text)`;
  return sql`${lower} and ${upper} and s.entry_seq = 0 and s.message_index = 0`;
}

/** How many of a cohort range's members take each path from its wait (the path's steps, as a text[] route). */
export type CohortPaths = Array<{ path: Array<string | null>; n: number }>;

/** A statement's `json_agg(json_build_array(path, n))` (null: no members) as CohortPaths. */
export function cohortPathsOf(value: unknown): CohortPaths {
  const json = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return ((json ?? []) as Array<[Array<string | null>, number]>).map(([path, n]) => ({ path, n: Number(n) }));
}

/** The members of a cohort range: the first send's ledger rows of its contacts (entry 0), as `s`. */
const membersOf = (runId: string, sendId: string, range: { after: string | null; until: string }) =>
  sql`deliveries s where ${ledgerKeyRange(runId, sendId, range)}`;

/**
 * After a first send's entry page, whose batches are settled: its `members` contacts (the page's ledger rows in the
 * range) wait at `waitId` as a cohort due at `dueAt`, and the wait's counters gain them (entered, and waiting) — in
 * one statement, once per page (a retried page, same cursor, opens nothing). Returns how many wait. (Counted here
 * from the ledger, fresh rows' first read, it took 25–135 ms a page of 10,000: the page knows its count.)
 */
export async function openCohort(
  db: HeraldDb,
  place: CohortPlace,
  cohort: { waitId: string; dueAt: Date },
  range: { after: string | null; until: string; members: number },
): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
    with members as (select ${range.members}::int as n),
    ins as (
      insert into journey_cohorts
        (workspace_id, run_id, journey_version_id, node_id, after_id, until_id, due_at, members)
      select ${place.workspaceId}::uuid, ${place.runId}::uuid, ${place.journeyVersionId}::uuid, ${cohort.waitId},
        ${range.after ?? ''}, ${range.until}::uuid, ${ts(cohort.dueAt)}, n
      from members where n > 0
      on conflict do nothing
      returning members),
    counted as (
      insert into node_stats (workspace_id, journey_version_id, node_id, entered, waiting)
      select ${place.workspaceId}::uuid, ${place.journeyVersionId}::uuid, ${cohort.waitId}, members, members from ins
      on conflict (journey_version_id, node_id) do update
        set entered = node_stats.entered + excluded.entered, waiting = node_stats.waiting + excluded.waiting)
    select coalesce((select members from ins), 0)::int as n`),
  );
  return row?.n ?? 0;
}

/** What a run's cohorts hold: those due now by wait (members), the next due time, whether any still wait. */
export interface CohortScan {
  due: Array<{ waitId: string; members: number }>;
  nextDueAt: number | null;
  pending: boolean;
}

/** Scans a run's open cohorts (a few rows per run: one per entry page). */
export async function scanCohorts(db: HeraldDb, runId: string, now: Date): Promise<CohortScan> {
  const rows = rowsOf<{ waitId: string; due: boolean; members: number; next: string | Date | null }>(
    await db.execute(sql`
    select node_id as "waitId", due_at <= ${ts(now)} as due, sum(members)::int as members, min(due_at) as next
    from journey_cohorts
    where run_id = ${runId}::uuid and done_at is null
    group by 1, 2`),
  );
  const later = rows.filter((r) => !r.due && r.next !== null).map((r) => new Date(r.next!).getTime());
  return {
    due: rows.filter((r) => r.due).map((r) => ({ waitId: r.waitId, members: r.members })),
    nextDueAt: later.length > 0 ? Math.min(...later) : null,
    pending: rows.length > 0,
  };
}

/** A run's cohorts at `waitId` due at `now` and still open, within (cursor, until] when given, in id order. */
export async function dueCohorts(
  db: HeraldDb,
  q: { runId: string; waitId: string; now: Date; cursor: string | null; until: string | null },
): Promise<CohortRange[]> {
  return rowsOf<{ after: string; until: string; members: number }>(
    await db.execute(sql`
    select after_id as after, until_id::text as until, members from journey_cohorts
    where run_id = ${q.runId}::uuid and node_id = ${q.waitId} and done_at is null and due_at <= ${ts(q.now)}
      ${q.cursor ? sql`and nullif(after_id, '')::uuid >= ${q.cursor}::uuid` : sql``}
      ${q.until ? sql`and until_id <= ${q.until}::uuid` : sql``}
    order by until_id`),
  ).map((r) => ({ after: r.after === '' ? null : r.after, until: r.until, members: r.members }));
}

/**
 * Closes a cohort once its sends are done: marks it done and moves the counters by its members' paths from the
 * wait (`path`, text[] over the ledger row `s`, as the step moves route): the wait loses them; each routing step
 * passed, and an exit reached, gains them as entered (a send counted its own as its page wrote them). One
 * statement, so a retried close counts nothing twice. A condition that changed between the send and this
 * statement (a read receipt in between) counts its contact on the branch it takes now. With `counted`, the paths
 * the range's first send page counted over the same members (`RecordedPage.paths`), the close reads no member: a
 * retried close still counts once (it finds the cohort done), and a condition changed since that page counts its
 * contact on the branch the page saw.
 */
export async function closeCohort(
  db: HeraldDb,
  place: CohortPlace,
  cohort: { sendId: string; waitId: string; exits: readonly string[] },
  range: { after: string | null; until: string },
  path: SQL,
  now: Date,
  counted?: CohortPaths,
): Promise<number> {
  const exits =
    cohort.exits.length === 0
      ? sql`false`
      : sql`a.node_id in (${sql.join(
          cohort.exits.map((e) => sql`${e}`),
          sql`, `,
        )})`;
  const [row] = await db.transaction(async (tx) => {
    await tx.execute(sql`select ${indexProbeSettings}`);
    return rowsOf<{ n: number }>(
      await tx.execute(sql`
    with closed as (
      update journey_cohorts set done_at = ${ts(now)}
      where run_id = ${place.runId}::uuid and node_id = ${cohort.waitId} and after_id = ${range.after ?? ''}
        and done_at is null
      returning members),
    paths as (${
      counted
        ? sql`select array(select x.v from jsonb_array_elements_text(e->0) with ordinality x(v, k) order by x.k)
            as path, (e->>1)::bigint as n
          from jsonb_array_elements(${JSON.stringify(counted.map((c) => [c.path, c.n]))}::jsonb) e
          where exists (select 1 from closed)`
        : sql`select p.path, count(*) as n
          from (select ${path} as path from ${membersOf(place.runId, cohort.sendId, range)}
            and exists (select 1 from closed)) p
          group by 1`
    }),
    left_wait as (
      update node_stats set waiting = greatest(waiting - (select members from closed), 0)
      where journey_version_id = ${place.journeyVersionId}::uuid and node_id = ${cohort.waitId}
        and exists (select 1 from closed)),
    arrived as (
      insert into node_stats (workspace_id, journey_version_id, node_id, entered, waiting)
      select ${place.workspaceId}::uuid, ${place.journeyVersionId}::uuid, a.node_id, sum(g.n), 0
      from paths g cross join lateral unnest(g.path) with ordinality a(node_id, k)
      where a.node_id is not null and (a.k < cardinality(g.path) or ${exits})
      group by a.node_id
      on conflict (journey_version_id, node_id) do update set entered = node_stats.entered + excluded.entered)
    select coalesce((select members from closed), 0)::int as n`),
    );
  });
  return row?.n ?? 0;
}
