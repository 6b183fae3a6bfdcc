import { sql, type HeraldDb } from '@herald/db';

export interface Transitions { sent: number; failed: number; skipped: number }

/**
 * Adds status transitions to the run's counters and the node's counters. Called in the same
 * transaction as the row updates that made the transitions, so a retried activity never counts twice.
 */
export async function bumpCounters(db: HeraldDb, ids: { workspaceId: string; runId: string; journeyVersionId: string; nodeId: string }, t: Transitions): Promise<void> {
  if (t.sent === 0 && t.failed === 0 && t.skipped === 0) return;
  await db.execute(sql`update runs set sent = sent + ${t.sent}, failed = failed + ${t.failed}, skipped = skipped + ${t.skipped}, updated_at = now() where id = ${ids.runId}::uuid`);
  await db.execute(sql`
    insert into node_stats (workspace_id, journey_version_id, node_id, sent, failed, skipped)
    values (${ids.workspaceId}::uuid, ${ids.journeyVersionId}::uuid, ${ids.nodeId}, ${t.sent}, ${t.failed}, ${t.skipped})
    on conflict (journey_version_id, node_id) do update set sent = node_stats.sent + excluded.sent, failed = node_stats.failed + excluded.failed, skipped = node_stats.skipped + excluded.skipped`);
}
