// Where a run stands when a fault scenario finds it stopped short: each workflow's pending activities and
// last events (Temporal's view) and the database sessions not idle (a transaction left open, a lock wait).
import type { Client } from '@temporalio/client';
import { rowsOf, sql } from '@herald/db';
import { workflowsNow } from '../bench/stall-diagnosis';
import type { FaultEnv } from './env';

/** Logs the workflows' pending work and the busy database sessions. */
export async function logStall(env: FaultEnv, client: Client, log: (line: string) => void): Promise<void> {
  for (const line of await workflowsNow(client)) log(`  stall: ${line}`);
  const sessions = rowsOf<Record<string, unknown>>(
    await env.db.db.execute(sql`
    select state, wait_event_type, wait_event, now() - xact_start as open_for, left(query, 160) as query
    from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`),
  );
  for (const s of sessions) log(`  stall: db session ${JSON.stringify(s)}`);
}

/**
 * Why a journey's agent messages are still with their employees: how many rows wait for an answer, how many
 * have their task (an app message id), and the employees' answers Herald kept but no settlement claimed
 * (by the reference to a waiting row, by the message id of its task).
 */
export async function logUnanswered(env: FaultEnv, journeyId: string, log: (line: string) => void): Promise<void> {
  const [row] = rowsOf<Record<string, number>>(
    await env.db.db.execute(sql`
    with pending as (
      select d.id, d.provider_message_id from deliveries d join runs r on r.id = d.run_id
        join journey_versions v on v.id = r.journey_version_id
      where v.journey_id = ${journeyId}::uuid and d.status = 'pending_employee')
    select (select count(*) from pending)::int as pending,
      (select count(*) from pending p where exists (select 1 from delivery_tasks t where t.delivery_id = p.id))::int
        as "withTask",
      (select count(*) from early_callbacks where source = 'employee')::int as kept,
      (select count(*) from early_callbacks e join pending p on e.detail = p.id::text where e.source = 'employee')::int
        as "keptByRef",
      (select count(*) from early_callbacks e join delivery_tasks t on t.provider_message_id = e.msgid
        join pending p on p.id = t.delivery_id where e.source = 'employee')::int as "keptByMsgid"`),
  );
  log(`  unanswered: ${JSON.stringify(row)}`);
}
