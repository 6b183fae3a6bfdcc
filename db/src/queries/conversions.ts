import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { executePrepared } from '../prepared';
import { rowsOf } from '../rows';
import { textList } from '../sql-lists';
import { statusIn, sentStatuses } from './delivery-statuses';

/** A goal event as the drainer matches it: the contact, the event's id, type and time. */
export interface GoalEvent {
  contactId: string;
  eventId: string;
  type: string;
  /** ISO 8601. */
  at: string;
}

/** The oldest run a goal can still convert for: no attribution window is longer than 90 days. */
const horizon = sql`now() - interval '91 days'`;

/**
 * Records conversions for a batch of events, in one statement: an event converts every run of this
 * workspace's journeys whose goal it is, for each entry of the contact that it falls within the
 * attribution window after — the entry's joining (journey_states.joined_at; held-out entries too,
 * which is what a lift is measured against) or, for a run that keeps no rows (a broadcast), the
 * contact's first message in it. Once per (run, contact, entry): a repeated event converts nothing
 * again. Each conversion is attributed to the last message step that had reached the contact before
 * the event, whose step counter it grows. Returns how many were recorded.
 */
export async function recordConversions(
  db: HeraldDb,
  workspaceId: string,
  events: readonly GoalEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const input = JSON.stringify(events.map((e) => ({ c: e.contactId, e: e.eventId, t: e.type, at: e.at })));
  const types = [...new Set(events.map((e) => e.type))];
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
    with g as (select * from jsonb_to_recordset(${input}::jsonb) as x(c uuid, e text, t text, at timestamptz)),
    goal_runs as (
      select r.id as run_id, r.journey_version_id, v.plan -> 'settings' ->> 'goalEvent' as goal,
        coalesce((v.plan -> 'settings' ->> 'attributionDays')::int, 7) as days
      from runs r join journey_versions v on v.id = r.journey_version_id
      where r.workspace_id = ${workspaceId}::uuid and r.created_at > ${horizon}
        and v.plan -> 'settings' ->> 'goalEvent' = any(${textList(types)})),
    by_entry as (
      select rg.run_id, rg.journey_version_id, g.c as contact_id, s.entry_seq, g.e as event_id, g.at,
        s.status = 'held_out' as held_out
      from g join goal_runs rg on rg.goal = g.t
      cross join lateral (select s.entry_seq, s.status, s.joined_at from journey_states s
        where s.run_id = rg.run_id and s.contact_id = g.c) s
      where g.at >= s.joined_at and g.at <= s.joined_at + make_interval(days => rg.days)),
    by_message as (
      select rg.run_id, rg.journey_version_id, g.c as contact_id, 0::bigint as entry_seq, g.e as event_id, g.at,
        false as held_out
      from g join goal_runs rg on rg.goal = g.t
      cross join lateral (select min(d.created_at) as first from deliveries d
        where d.contact_id = g.c and d.run_id = rg.run_id) d
      where d.first is not null and g.at >= d.first and g.at <= d.first + make_interval(days => rg.days)
        and not exists (select 1 from journey_states s where s.run_id = rg.run_id and s.contact_id = g.c)),
    candidates as (
      select c.*,
        (select d.node_id from deliveries d
          where d.contact_id = c.contact_id and d.run_id = c.run_id
            and d.created_at <= c.at and ${statusIn(sql`d.status`, sentStatuses)}
          order by d.created_at desc
          limit 1) as node_id
      from (select * from by_entry union all select * from by_message) c),
    ins as (
      insert into conversions (workspace_id, run_id, contact_id, entry_seq, journey_version_id, event_id, converted_at,
        node_id, held_out)
      select distinct on (run_id, contact_id, entry_seq)
        ${workspaceId}::uuid, run_id, contact_id, entry_seq, journey_version_id, event_id, at, node_id, held_out
      from candidates
      order by run_id, contact_id, entry_seq, at
      on conflict do nothing
      returning journey_version_id, node_id),
    counted as (
      insert into node_stats (workspace_id, journey_version_id, node_id, converted)
      select ${workspaceId}::uuid, journey_version_id, node_id, count(*)
      from ins
      where node_id is not null
      group by 1, 2, 3
      on conflict (journey_version_id, node_id) do update set converted = node_stats.converted + excluded.converted)
    select count(*)::int as n from ins`),
  );
  return row?.n ?? 0;
}

/** The event types some journey of the workspace has as its goal (the drainer asks before recording). */
export async function goalEventTypes(db: HeraldDb, workspaceId: string): Promise<Set<string>> {
  return new Set(
    rowsOf<{ goal: string }>(
      await executePrepared(
        db,
        sql`
      select distinct v.plan -> 'settings' ->> 'goalEvent' as goal
      from runs r join journey_versions v on v.id = r.journey_version_id
      where r.workspace_id = ${workspaceId}::uuid and r.created_at > ${horizon}
        and v.plan -> 'settings' ->> 'goalEvent' is not null`,
      ),
    ).map((r) => r.goal),
  );
}
