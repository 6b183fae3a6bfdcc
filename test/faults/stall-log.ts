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
