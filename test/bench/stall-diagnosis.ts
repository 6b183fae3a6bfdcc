// When a benchmark finds journeys that never reached their send, where the engine stood: each run
// workflow's pending activities (attempt, heartbeat, last failure), its last history events, the
// journey's step counts from the API, and what Herald logged last. A rare stall is only seen in long
// runs, and the stack is gone once the benchmark returns: this is printed before it closes.
import type { Client } from '@temporalio/client';

/** Prints where every run workflow stands, the API's view of `journeyIds` and Herald's last log lines. */
export async function diagnoseStall(o: {
  client: Client;
  apiGet: (path: string) => Promise<unknown>;
  journeyIds: readonly string[];
  log: string;
}): Promise<void> {
  console.log('  STALL: where the engine stands');
  for (const line of await workflowsNow(o.client)) console.log(`    ${line}`);
  for (const id of o.journeyIds)
    console.log(`    journey ${id}: ${JSON.stringify(await o.apiGet(`/api/journeys/${id}/report`))}`);
  const lines = o.log.split('\n').filter((l) => /warn|error|fail|could not/i.test(l));
  for (const l of lines.slice(-15)) console.log(`    log: ${l.slice(0, 300)}`);
}

/** Each workflow but the bare ones: its status, pending activities (attempt, heartbeat, failure), last events. */
export async function workflowsNow(client: Client): Promise<string[]> {
  const lines: string[] = [];
  for await (const info of client.workflow.list({ query: `WorkflowType != 'bareWorkflow'` })) {
    const handle = client.workflow.getHandle(info.workflowId, info.runId);
    const d = await handle.describe();
    lines.push(`${info.workflowId} ${d.status.name} history ${d.historyLength}`);
    for (const a of d.raw.pendingActivities ?? [])
      lines.push(
        `  pending ${a.activityType?.name} state ${String(a.state)} attempt ${a.attempt} ` +
          `started ${iso(a.lastStartedTime ?? null)} heartbeat ${iso(a.lastHeartbeatTime ?? null)} ` +
          `failure ${a.lastFailure?.message ?? '-'}`,
      );
    const events = (await handle.fetchHistory()).events ?? [];
    for (const e of events.slice(-8)) lines.push(`  event ${String(e.eventType)} at ${iso(e.eventTime ?? null)}`);
  }
  return lines;
}

const iso = (t: { seconds?: unknown; nanos?: unknown } | null) =>
  t?.seconds == null ? '-' : new Date(Number(t.seconds) * 1000 + Number(t.nanos ?? 0) / 1e6).toISOString();
