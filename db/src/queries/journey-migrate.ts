import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';

/** Contacts waiting at one step of an earlier version, and whether the live version has that step. */
export interface WaitingStep {
  nodeId: string;
  kind: string;
  count: number;
  /** The live version has a step with this id and kind: they would move there. */
  moves: boolean;
}

/** The steps of the live version that can take waiting contacts: id → kind (waits only). */
export type WaitSteps = Record<string, string>;

const waitKinds = sql`('wait', 'wait_until', 'wait_for_event')`;

/**
 * The state rows `s` (with run `r` and version `v`) active at a wait step in a journey's real-time
 * runs other than the live one, up to the open end of a WHERE clause.
 */
const earlierWaiting = (journeyId: string, liveRunId: string): SQL =>
  sql`journey_states s join runs r on r.id = s.run_id join journey_versions v on v.id = s.journey_version_id
    where v.journey_id = ${journeyId}::uuid and r.kind = 'journey' and s.run_id <> ${liveRunId}::uuid
      and s.status = 'active' and v.plan -> 'nodes' -> s.node_id ->> 'kind' in ${waitKinds}`;

/**
 * Who waits in a journey's earlier real-time runs, by step: the dry run of a migration. A contact
 * waiting at a step whose id and kind the live version has would move; the others finish on their
 * version.
 */
export async function waitingInEarlierRuns(
  db: HeraldDb,
  journeyId: string,
  liveRunId: string,
  live: WaitSteps,
): Promise<WaitingStep[]> {
  const rows = rowsOf<{ nodeId: string; kind: string; count: number }>(
    await db.execute(sql`
    select s.node_id as "nodeId", v.plan -> 'nodes' -> s.node_id ->> 'kind' as kind, count(*)::int as count
    from ${earlierWaiting(journeyId, liveRunId)}
    group by 1, 2
    order by 1`),
  );
  return rows.map((r) => ({ ...r, moves: live[r.nodeId] === r.kind }));
}

/**
 * Moves the contacts waiting in a journey's earlier real-time runs at steps the live version has
 * (same id and kind) into the live run, keeping their wake-up times, and moves the step counters
 * with them — one statement. Contacts elsewhere (mid-step, or at steps the live version lacks) stay.
 */
export async function migrateWaiting(
  db: HeraldDb,
  journey: { workspaceId: string; journeyId: string },
  live: { runId: string; journeyVersionId: string; steps: WaitSteps },
): Promise<number> {
  const steps = JSON.stringify(live.steps);
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
    with moving as (
      select s.ctid as tid, s.journey_version_id as old_version, s.node_id
      from ${earlierWaiting(journey.journeyId, live.runId)}
        and ${steps}::jsonb ->> s.node_id = v.plan -> 'nodes' -> s.node_id ->> 'kind'
      for update of s),
    moved as (
      update journey_states s set run_id = ${live.runId}::uuid, journey_version_id = ${live.journeyVersionId}::uuid
      from moving m where s.ctid = m.tid
      returning m.old_version, m.node_id),
    left_old as (
      update node_stats n set waiting = greatest(n.waiting - c.n, 0)
      from (select old_version, node_id, count(*) as n from moved group by 1, 2) c
      where n.journey_version_id = c.old_version and n.node_id = c.node_id),
    arrived as (
      insert into node_stats (workspace_id, journey_version_id, node_id, entered, waiting)
      select ${journey.workspaceId}::uuid, ${live.journeyVersionId}::uuid, node_id, count(*), count(*)
      from moved
      group by node_id
      on conflict (journey_version_id, node_id) do update
        set entered = node_stats.entered + excluded.entered, waiting = node_stats.waiting + excluded.waiting)
    select count(*)::int as n from moved`),
  );
  return row?.n ?? 0;
}
