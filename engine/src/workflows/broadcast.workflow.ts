import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { HeraldActivities, PageRange } from './activities.contract';
import {
  cancelSignal,
  pauseSignal,
  progressQuery,
  resumeSignal,
  scheduledProgress,
  type BroadcastProgress,
} from './signals';

export interface BroadcastInput {
  workspaceId: string;
  runId: string;
  journeyVersionId: string;
  nodeId: string;
  /** ms since epoch; absent or past: send now. */
  sendAt?: number;
  pageSize?: number;
  /** Pages sent at once (each an activity any worker may take; default 4). */
  concurrency?: number;
  /** How often to read employees' confirmations of group messages (default 24 × every 5 minutes). */
  resultPolls?: { times: number; everyMs: number };
  /** Carried across continue-as-new; never a recipient list (ranges are pairs of contact ids). */
  carried?: {
    ranges: PageRange[];
    planned: string | null;
    planDone: boolean;
    progress: BroadcastProgress;
    paused: boolean;
  };
}

/** Boundaries planned at a time: enough ranges ahead for every lane, small in history. */
const planAhead = 64;

const { sendBroadcastPage } = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '10 minutes',
  // The page activity heartbeats every 5 s; a worker that dies mid-page is noticed within 20 s.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
const { beginRun, setRunStatus, collectGroupMessageResults, planBroadcastRanges } = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumInterval: '30 seconds' },
});

/**
 * One broadcast run: waits for its send time (cancellable), then splits the audience into
 * ranges of `pageSize` contacts (by contact id) and sends up to `concurrency` of them at once —
 * each page resolved, quota-checked, recorded and sent by one activity, which any worker on the
 * task queue may run — until done, honouring pause/resume/cancel between pages. Ranges are
 * disjoint, so parallel pages never share a contact. Continues as new when the server suggests
 * it, carrying the unsent ranges, so history stays small.
 */
export async function broadcastWorkflow(input: BroadcastInput): Promise<BroadcastProgress> {
  const ref = { workspaceId: input.workspaceId, runId: input.runId };
  const progress: BroadcastProgress = input.carried?.progress ?? scheduledProgress();
  const ranges: PageRange[] = input.carried?.ranges ?? [];
  let planned = input.carried?.planned ?? null;
  let planDone = input.carried?.planDone ?? false;
  let paused = input.carried?.paused ?? false;
  let canceled = false;
  const pageSize = input.pageSize ?? 2500;
  const concurrency = Math.max(1, input.concurrency ?? 4);
  setHandler(pauseSignal, () => {
    paused = true;
  });
  setHandler(resumeSignal, () => {
    paused = false;
  });
  setHandler(cancelSignal, () => {
    canceled = true;
  });
  setHandler(progressQuery, () => ({
    ...progress,
    status: canceled ? 'canceled' : paused && progress.status === 'running' ? 'paused' : progress.status,
  }));

  if (!input.carried) {
    const delay = (input.sendAt ?? 0) - Date.now();
    if (delay > 0) await condition(() => canceled, delay);
    if (canceled) return finish(ref, progress, 'canceled');
    const { total } = await beginRun({ ...ref, now: Date.now() });
    progress.total = total;
    progress.status = 'running';
  }

  const sendRange = async (range: PageRange): Promise<void> => {
    const page = await sendBroadcastPage({
      ...ref,
      journeyVersionId: input.journeyVersionId,
      nodeId: input.nodeId,
      cursor: range.from,
      until: range.until,
      pageSize,
      now: Date.now(),
    });
    progress.pages += 1;
    progress.processed += page.processed;
    progress.sent += page.sent;
    progress.failed += page.failed;
    progress.skipped += page.skipped;
    // More contacts in the range than planned (added since): its next page goes first in the queue.
    if (page.nextCursor !== null) ranges.unshift({ from: page.nextCursor, until: range.until });
  };

  // One planning call at a time, shared by the lanes that need more ranges.
  let planning: Promise<void> | null = null;
  const refill = async (): Promise<void> => {
    planning ??= (async () => {
      const { boundaries, done } = await planBroadcastRanges({
        ...ref,
        journeyVersionId: input.journeyVersionId,
        nodeId: input.nodeId,
        after: planned,
        pageSize,
        maxRanges: planAhead,
      });
      for (const b of boundaries) {
        ranges.push({ from: planned, until: b });
        planned = b;
      }
      if (done) {
        ranges.push({ from: planned, until: null });
        planDone = true;
      }
    })().finally(() => {
      planning = null;
    });
    await planning;
  };
  // Each lane keeps one page in flight and takes the next range as soon as its page is done (no
  // waiting for the slowest page of a round); lanes stop taking ranges when paused, canceled,
  // or when the history is long enough to continue as new.
  let rollOver = false;
  const lane = async (): Promise<void> => {
    for (;;) {
      if (paused || canceled || rollOver) return;
      if (ranges.length < concurrency && !planDone) await refill();
      const range = ranges.shift();
      if (!range) return;
      await sendRange(range);
      if (workflowInfo().continueAsNewSuggested) rollOver = true;
    }
  };

  for (;;) {
    await Promise.all(Array.from({ length: concurrency }, lane));
    if (canceled) return finish(ref, progress, 'canceled');
    if (ranges.length === 0 && planDone) break;
    if (rollOver) {
      await continueAsNew<typeof broadcastWorkflow>({
        ...input,
        carried: { ranges, planned, planDone, progress, paused },
      });
    }
    if (paused) {
      await setRunStatus({ ...ref, status: 'paused', now: Date.now() });
      await condition(() => !paused || canceled);
      if (!canceled) await setRunStatus({ ...ref, status: 'running', now: Date.now() });
    }
  }

  // Group messages reach contacts only when their employee confirms: read the results for a while.
  const polls = input.resultPolls ?? { times: 24, everyMs: 5 * 60_000 };
  for (let i = 0; i < polls.times && !canceled; i++) {
    const { pending } = await collectGroupMessageResults({ ...ref, nodeId: input.nodeId, now: Date.now() });
    if (pending === 0) break;
    await condition(() => canceled, polls.everyMs);
  }
  return finish(ref, progress, 'completed');
}

async function finish(
  ref: { workspaceId: string; runId: string },
  progress: BroadcastProgress,
  status: 'completed' | 'canceled',
): Promise<BroadcastProgress> {
  progress.status = status;
  await setRunStatus({ ...ref, status, now: Date.now() });
  return progress;
}
