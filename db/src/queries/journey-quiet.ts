import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';
import { idRange, timestamp as ts, withContact } from '../sql-lists';
import type { StepPage } from './journey-steps';

// A journey's quiet hours at a send step: the due contacts' zones, and those inside their quiet hours kept
// at the step until the hours end in their own zone.

/**
 * Keeps the page's contacts who are inside the journey's quiet hours at the send step until those
 * hours end in their zone (`wakeByZone`: the end per zone, '' for contacts without a known zone).
 */
export async function deferQuietContacts(db: HeraldDb, page: StepPage, inQuiet: SQL, wake: SQL): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
    with quiet as (
      select s.ctid as tid, ${wake} as wake
      from journey_states s ${withContact}
      where s.run_id = ${page.runId}::uuid and s.node_id = ${page.nodeId} and s.status = 'active'
        and s.due_at <= ${ts(page.now)} and s.goal_at is null ${idRange(sql`s.contact_id`, page.cursor, page.until)}
        and ${inQuiet}
      for update of s skip locked),
    deferred as (update journey_states s set due_at = q.wake from quiet q where s.ctid = q.tid returning 1)
    select count(*)::int as n from deferred`),
  );
  return row?.n ?? 0;
}

/** The distinct time zones (as contacts hold them; '' for none) of a step's due contacts. */
export async function dueZones(db: HeraldDb, page: StepPage): Promise<string[]> {
  return rowsOf<{ zone: string }>(
    await db.execute(sql`
    select distinct coalesce(c.timezone, '') as zone
    from journey_states s ${withContact}
    where s.run_id = ${page.runId}::uuid and s.node_id = ${page.nodeId} and s.status = 'active'
      and s.due_at <= ${ts(page.now)} ${idRange(sql`s.contact_id`, page.cursor, page.until)}`),
  ).map((r) => r.zone);
}

/** A per-zone instant looked up for contact `c` (the '' entry for zones the map lacks), as SQL. */
export function byZone(instants: Record<string, string>): SQL {
  const map = sql`${JSON.stringify(instants)}::jsonb`;
  return sql`coalesce((${map} ->> coalesce(c.timezone, ''))::timestamptz, (${map} ->> '')::timestamptz)`;
}
