// What the Prometheus collector reads: counts the database already keeps (node counters, the entry
// backlog, runs), each one cheap statement on an index, so a scrape every 15 s costs little.
import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';

/** Sends so far, by channel method: the per-node counters (`node_stats`) summed over every version. */
export interface SendTotals {
  method: string;
  sent: number;
  failed: number;
  skipped: number;
}

/** Every node's counters, labelled with the method its plan gives it (`unknown` when it has none). */
export async function sendTotalsByMethod(db: HeraldDb): Promise<SendTotals[]> {
  const rows = rowsOf<{ method: string; sent: string; failed: string; skipped: string }>(
    await db.execute(sql`
      select coalesce(v.plan -> 'nodes' -> s.node_id -> 'data' ->> 'method', 'unknown') as method,
        sum(s.sent)::bigint as sent, sum(s.failed)::bigint as failed, sum(s.skipped)::bigint as skipped
      from node_stats s join journey_versions v on v.id = s.journey_version_id
      group by 1`),
  );
  return rows.map((r) => ({
    method: r.method,
    sent: Number(r.sent),
    failed: Number(r.failed),
    skipped: Number(r.skipped),
  }));
}

/** Skipped deliveries of the last hour by method and reason. */
export interface SkipCount {
  method: string;
  reason: string;
  count: number;
}

/**
 * Deliveries skipped in the last hour, by method and reason. Reads only runs touched in the last
 * hour (their counters move `updated_at`) and, in them, only skipped rows (`deliveries_run_status_idx`).
 */
export async function recentSkipsByReason(db: HeraldDb): Promise<SkipCount[]> {
  const rows = rowsOf<{ method: string; reason: string; count: string }>(
    await db.execute(sql`
      select d.method, coalesce(d.skip_reason, 'unknown') as reason, count(*)::bigint as count
      from runs r join deliveries d on d.run_id = r.id and d.status = 'skipped'
      where r.updated_at > now() - interval '1 hour' and d.created_at > now() - interval '1 hour'
      group by 1, 2`),
  );
  return rows.map((r) => ({ method: r.method, reason: r.reason, count: Number(r.count) }));
}

/** The real-time entry backlog: entries queued for Temporal, and how long the oldest has waited. */
export interface EntryBacklog {
  queued: number;
  oldestSeconds: number;
  unprocessedEvents: number;
}

/** Queued journey entries (`journey_entries_queue_idx`) and unprocessed inbound events (partial index). */
export async function entryBacklog(db: HeraldDb): Promise<EntryBacklog> {
  const [row] = rowsOf<{ queued: string; oldest: number | null; events: string }>(
    await db.execute(sql`
      select (select count(*) from journey_entries where status = 'queued')::bigint as queued,
        (select extract(epoch from now() - min(enqueued_at))::float8
          from journey_entries
          where status = 'queued') as oldest,
        (select count(*) from inbound_events where processed_at is null)::bigint as events`),
  );
  return {
    queued: Number(row?.queued ?? 0),
    oldestSeconds: Number(row?.oldest ?? 0),
    unprocessedEvents: Number(row?.events ?? 0),
  };
}

/** How many runs are in each status, by kind (broadcast, journey). */
export async function runsByStatus(db: HeraldDb): Promise<Array<{ kind: string; status: string; count: number }>> {
  const rows = rowsOf<{ kind: string; status: string; count: string }>(
    await db.execute(sql`select kind, status, count(*)::bigint as count from runs group by 1, 2`),
  );
  return rows.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.count) }));
}
