import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';
import { deliveredStatuses, readStatuses, sentStatuses, statusIn, type DeliveryStatus } from './delivery-statuses';

/** A journey's (or a broadcast's) outcome over all its runs: the funnel, the holdout, and by day. */
export interface JourneyReportRow {
  /** Contacts that entered (not held out): its runs' arrivals at their first step. */
  entered: number;
  sent: number;
  delivered: number;
  read: number;
  /** Conversions of entered contacts (goal events within the attribution window). */
  converted: number;
  heldOut: number;
  heldOutConverted: number;
  days: Array<{ day: string; sent: number; converted: number }>;
}

/** The ids of every run of a journey (all its versions), as a subquery in parentheses. */
export const journeyRunIds = (journeyId: string): SQL =>
  sql`(select r.id from runs r join journey_versions v on v.id = r.journey_version_id
    where v.journey_id = ${journeyId}::uuid)`;

/**
 * The outcome of every run of a journey: how many entered (arrivals at each version's first step),
 * went out, were delivered, read and converted; the holdout's size and conversions; sends and
 * conversions by day (UTC).
 */
export async function journeyReport(db: HeraldDb, journeyId: string): Promise<JourneyReportRow> {
  const runsOf = journeyRunIds(journeyId);
  const messages = (statuses: readonly DeliveryStatus[]) =>
    sql`(select count(*) from deliveries d where d.run_id in ${runsOf} and ${statusIn(sql`d.status`, statuses)})::int`;
  const [totals] = rowsOf<Omit<JourneyReportRow, 'days'>>(
    await db.execute(sql`
    select
      coalesce((select sum(n.entered) from node_stats n join journey_versions v on v.id = n.journey_version_id
        where v.journey_id = ${journeyId}::uuid and n.node_id = v.plan ->> 'entry'), 0)::int as entered,
      ${messages(sentStatuses)} as sent,
      ${messages(deliveredStatuses)} as delivered,
      ${messages(readStatuses)} as read,
      (select count(*) from conversions c where c.run_id in ${runsOf} and not c.held_out)::int as converted,
      (select count(*) from journey_states s where s.run_id in ${runsOf} and s.status = 'held_out')::int as "heldOut",
      (select count(*) from conversions c where c.run_id in ${runsOf} and c.held_out)::int as "heldOutConverted"`),
  );
  const days = rowsOf<{ day: string; sent: number; converted: number }>(
    await db.execute(sql`
    with sent as (
      select date_trunc('day', d.created_at at time zone 'UTC') as day, count(*) as n
      from deliveries d
      where d.run_id in ${runsOf} and ${statusIn(sql`d.status`, sentStatuses)}
      group by 1),
    conv as (
      select date_trunc('day', c.converted_at at time zone 'UTC') as day, count(*) as n
      from conversions c
      where c.run_id in ${runsOf} and not c.held_out
      group by 1)
    select to_char(coalesce(s.day, c.day), 'YYYY-MM-DD') as day, coalesce(s.n, 0)::int as sent,
      coalesce(c.n, 0)::int as converted
    from sent s full join conv c on c.day = s.day
    order by 1`),
  );
  return { ...totals!, days };
}
