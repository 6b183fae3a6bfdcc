import { sql, type SQL } from 'drizzle-orm';
import { type HeraldDb } from '../client';
import { rowsOf } from '../sql-lists';

export interface Transitions {
  sent: number;
  failed: number;
  skipped: number;
}

export interface CounterIds {
  workspaceId: string;
  runId: string;
  journeyVersionId: string;
  nodeId: string;
}

/**
 * The run's and the node's counters grown by `t` (SQL integer expressions, evaluated in the
 * statement; `entered`: arrivals at the step), as two CTEs of a larger statement, written only
 * `when` holds — so the rows that made the transitions and the counters are one statement, and a
 * retried activity never counts twice.
 */
export function counterCtes(
  ids: CounterIds,
  t: { sent?: SQL; failed?: SQL; skipped?: SQL; entered?: SQL },
  when: SQL,
): SQL {
  const sent = sql`(${t.sent ?? sql`0`})::int`;
  const failed = sql`(${t.failed ?? sql`0`})::int`;
  const skipped = sql`(${t.skipped ?? sql`0`})::int`;
  const entered = sql`(${t.entered ?? sql`0`})::int`;
  return sql`run_counts as (
      update runs
      set sent = sent + ${sent}, failed = failed + ${failed}, skipped = skipped + ${skipped}, updated_at = now()
      where id = ${ids.runId}::uuid and ${when}),
    node_counts as (
      insert into node_stats (workspace_id, journey_version_id, node_id, sent, failed, skipped, entered)
      select ${ids.workspaceId}::uuid, ${ids.journeyVersionId}::uuid, ${ids.nodeId},
        ${sent}, ${failed}, ${skipped}, ${entered}
      where ${when}
      on conflict (journey_version_id, node_id) do update
        set sent = node_stats.sent + excluded.sent, failed = node_stats.failed + excluded.failed,
          skipped = node_stats.skipped + excluded.skipped, entered = node_stats.entered + excluded.entered)`;
}

/**
 * Adds status transitions to the run's counters and the node's counters. Called in the same
 * transaction as the row updates that made the transitions, so a retried activity never counts twice.
 */
export async function bumpCounters(db: HeraldDb, ids: CounterIds, t: Transitions): Promise<void> {
  if (t.sent === 0 && t.failed === 0 && t.skipped === 0) return;
  const grown = { sent: sql`${t.sent}`, failed: sql`${t.failed}`, skipped: sql`${t.skipped}` };
  await db.execute(sql`with ${counterCtes(ids, grown, sql`true`)} select 1`);
}

/**
 * Sets a finished run's counters from its ledger (exact whatever happened to the live ones): handed to
 * an employee counts as sent, declined or expired by the employee as failed. Returns the run's new counts.
 */
export async function recountRun(db: HeraldDb, p: { runId: string }): Promise<{ sent: number; failed: number }[]> {
  const { runId } = p;
  return rowsOf<{ sent: number; failed: number }>(
    await db.execute(sql`update runs r
      set sent = c.sent, failed = c.failed, skipped = c.skipped, delivered = c.delivered
      from (
        select count(*) filter (where status in ('sent','delivered','read','replied','pending_employee'))::int as sent,
               count(*) filter (where status in ('failed','declined','expired'))::int as failed,
               count(*) filter (where status = 'skipped')::int as skipped,
               count(*) filter (where status in ('delivered','read','replied'))::int as delivered
        from deliveries
        where run_id = ${runId}::uuid) c
      where r.id = ${runId}::uuid
      returning r.sent, r.failed`),
  );
}

/** Counts a contact's visit to a step: one more entered, and waiting up (`waiting`: 1) or down (-1, never below 0). */
export async function recordVisit(
  db: HeraldDb,
  p: { workspaceId: string; journeyVersionId: string; nodeId: string; entered: number; waiting: number },
): Promise<void> {
  const { workspaceId, journeyVersionId, nodeId, entered, waiting } = p;
  await db.execute(sql`insert into node_stats (workspace_id, journey_version_id, node_id, entered, waiting)
    values (${workspaceId}::uuid, ${journeyVersionId}::uuid, ${nodeId}, ${entered}, ${Math.max(waiting, 0)})
    on conflict (journey_version_id, node_id) do update
      set entered = node_stats.entered + ${entered}, waiting = greatest(node_stats.waiting + ${waiting}, 0)`);
}
