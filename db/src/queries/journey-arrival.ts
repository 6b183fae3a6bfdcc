import { sql, type SQL } from 'drizzle-orm';
import { durationMs, type Plan, type PlanNode } from '@herald/engine';
import { timestamp as ts } from '../sql-lists';

/**
 * What a contact's row becomes when it arrives at a step, as SQL over a target column (a node id,
 * or null when the journey ends there): its status, when the workflow should next look at it and
 * the event it waits for. A wait is due when it ends; a wait for an event when it times out (the
 * event wakes it sooner); an exit finishes the row at once; every other step is due now.
 * A wait until a time of day is due now: the step itself reads each contact's zone.
 */
export interface Arrival {
  status: SQL;
  dueAt: SQL;
  awaiting: SQL;
}

/** The arrival columns for rows going to `target` (a text expression) at `now`. */
export function arrival(plan: Plan, target: SQL, now: Date): Arrival {
  const due: SQL[] = [];
  const awaiting: SQL[] = [];
  const exits: string[] = [];
  for (const node of Object.values(plan.nodes)) {
    const at = arrivalDue(node, now);
    if (at !== null) due.push(sql`when ${target} = ${node.id} then ${ts(new Date(at))}`);
    if (node.kind === 'wait_for_event')
      awaiting.push(sql`when ${target} = ${node.id} then ${(node.data as { eventName: string }).eventName}`);
    if (node.kind === 'exit') exits.push(node.id);
  }
  const isExit =
    exits.length === 0
      ? sql`false`
      : sql`${target} in (${sql.join(
          exits.map((e) => sql`${e}`),
          sql`, `,
        )})`;
  return {
    status: sql`(case when ${target} is null then 'done' when ${isExit} then 'exited' else 'active' end)`,
    dueAt: sql`(case when ${target} is null or ${isExit} then null::timestamptz ${sql.join(due, sql` `)}
      else ${ts(now)} end)`,
    awaiting: awaiting.length === 0 ? sql`null::text` : sql`(case ${sql.join(awaiting, sql` `)} else null end)`,
  };
}

/** When a contact arriving at `node` at `now` is next due there (null: now). */
function arrivalDue(node: PlanNode, now: Date): number | null {
  switch (node.kind) {
    case 'wait':
      return waitEnd(now.getTime(), durationMs((node.data as { duration: Parameters<typeof durationMs>[0] }).duration));
    case 'wait_for_event':
      return now.getTime() + durationMs((node.data as { timeout: Parameters<typeof durationMs>[0] }).timeout);
    case 'wait_until': {
      const d = node.data as { mode: string; at?: string };
      return d.mode === 'datetime' ? Math.max(new Date(d.at!).getTime(), now.getTime()) : null;
    }
    default:
      return null;
  }
}

/**
 * When a wait of `ms` entered at `at` ends: rounded up to a whole thousandth of its length, so never
 * before it has lasted `ms` and at most 0.1% later. A batch run's audience reaches a wait over the span
 * of its send (seconds for 100,000 contacts, a minute or more for a million) and would wake in as many
 * waves, each a workflow timer and a move of the step before the next send could start; on this grid a
 * day's wait (86.4 s) wakes them together, a day later.
 */
export function waitEnd(at: number, ms: number): number {
  const grid = Math.max(1, Math.floor(ms / 1000));
  return Math.ceil((at + ms) / grid) * grid;
}
