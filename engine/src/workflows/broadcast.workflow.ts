import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { HeraldActivities } from './activities.contract';
import { cancelSignal, pauseSignal, progressQuery, resumeSignal, type BroadcastProgress } from './signals';

export interface BroadcastInput {
  workspaceId: string;
  runId: string;
  journeyVersionId: string;
  nodeId: string;
  /** ms since epoch; absent or past: send now. */
  sendAt?: number;
  pageSize?: number;
  /** How often to read employees' confirmations of group messages (default 24 × every 5 minutes). */
  resultPolls?: { times: number; everyMs: number };
  /** Carried across continue-as-new; never a recipient list. */
  carried?: { cursor: string | null; progress: BroadcastProgress; paused: boolean };
}

const { sendBroadcastPage } = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
const { beginRun, setRunStatus, collectGroupMessageResults } = proxyActivities<HeraldActivities>({ startToCloseTimeout: '2 minutes', retry: { maximumInterval: '30 seconds' } });

/**
 * One broadcast run: waits for its send time (cancellable), then pages through the audience —
 * each page resolved, quota-checked, recorded and sent by one activity — until done, honouring
 * pause/resume/cancel. Continues as new when the server suggests it, so history stays small.
 */
export async function broadcastWorkflow(input: BroadcastInput): Promise<BroadcastProgress> {
  const ref = { workspaceId: input.workspaceId, runId: input.runId };
  const progress: BroadcastProgress = input.carried?.progress ?? { status: 'scheduled', total: 0, pages: 0, processed: 0, sent: 0, failed: 0, skipped: 0 };
  let cursor = input.carried?.cursor ?? null;
  let paused = input.carried?.paused ?? false;
  let canceled = false;
  setHandler(pauseSignal, () => { paused = true; });
  setHandler(resumeSignal, () => { paused = false; });
  setHandler(cancelSignal, () => { canceled = true; });
  setHandler(progressQuery, () => ({ ...progress, status: canceled ? 'canceled' : paused && progress.status === 'running' ? 'paused' : progress.status }));

  if (!input.carried) {
    const delay = (input.sendAt ?? 0) - Date.now();
    if (delay > 0) await condition(() => canceled, delay);
    if (canceled) return finish(ref, progress, 'canceled');
    const { total } = await beginRun({ ...ref, now: Date.now() });
    progress.total = total;
    progress.status = 'running';
  }

  for (;;) {
    if (paused && !canceled) {
      await setRunStatus({ ...ref, status: 'paused', now: Date.now() });
      await condition(() => !paused || canceled);
      if (!canceled) await setRunStatus({ ...ref, status: 'running', now: Date.now() });
    }
    if (canceled) return finish(ref, progress, 'canceled');
    const page = await sendBroadcastPage({ ...ref, journeyVersionId: input.journeyVersionId, nodeId: input.nodeId, cursor, pageSize: input.pageSize ?? 1000, now: Date.now() });
    progress.pages += 1;
    progress.processed += page.processed;
    progress.sent += page.sent;
    progress.failed += page.failed;
    progress.skipped += page.skipped;
    cursor = page.nextCursor;
    if (cursor === null) {
      // Group messages reach contacts only when their employee confirms: read the results for a while.
      const polls = input.resultPolls ?? { times: 24, everyMs: 5 * 60_000 };
      for (let i = 0; i < polls.times && !canceled; i++) {
        const { pending } = await collectGroupMessageResults({ ...ref, nodeId: input.nodeId, now: Date.now() });
        if (pending === 0) break;
        await condition(() => canceled, polls.everyMs);
      }
      return finish(ref, progress, 'completed');
    }
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof broadcastWorkflow>({ ...input, carried: { cursor, progress, paused } });
    }
  }
}

async function finish(ref: { workspaceId: string; runId: string }, progress: BroadcastProgress, status: 'completed' | 'canceled'): Promise<BroadcastProgress> {
  progress.status = status;
  await setRunStatus({ ...ref, status, now: Date.now() });
  return progress;
}
