import { condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { apart } from '../model/ranges';
import type { HeraldActivities, PageRange, StepCounts } from './activities.contract';
import {
  cancelSignal,
  pauseSignal,
  progressQuery,
  resumeSignal,
  scheduledProgress,
  wakeSignal,
  type BroadcastProgress,
} from './signals';

export interface RunInput {
  workspaceId: string;
  runId: string;
  journeyVersionId: string;
  /** batch: an audience enters at once (a broadcast, a scheduled occurrence); realtime: entries arrive and wake it. */
  mode: 'batch' | 'realtime';
  /** ms since epoch; absent or past: start now (batch). */
  sendAt?: number;
  pageSize?: number;
  /** Pages moved at once (each an activity any worker may take; default 4). */
  concurrency?: number;
  /** How often to read employees' confirmations of group messages (default 24 × every 5 minutes). */
  resultPolls?: { times: number; everyMs: number };
  /** Carried across continue-as-new: cursors and counters, never contact lists. */
  carried?: RunCarry;
}

interface RunCarry {
  entered: boolean;
  ranges: PageRange[];
  planned: string | null;
  planDone: boolean;
  progress: BroadcastProgress;
  paused: boolean;
  sendNodeIds: string[];
  /** A first send's experiment: which phase the audience is entering, and when its winner is due. */
  experiment?: { nodeId: string; afterMs: number; phase: 'test' | 'rest'; decideAt: number | null };
}

/** The workflow id of a run (one per run, whatever its mode). */
export const runWorkflowId = (runId: string): string => `run/${runId}`;

/** Ranges planned ahead for a batch run's audience: enough for every lane, small in history. */
const planAhead = 64;

/** The patch that queues a plan's entry ranges every other one first (`apart`). */
const rangesApart = 'entry-ranges-apart';

const pages = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '10 minutes',
  // Page activities heartbeat every 5 s; a worker that dies mid-page is noticed within 20 s.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
const short = proxyActivities<HeraldActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumInterval: '30 seconds' },
});

/**
 * One run of a journey plan, for any plan and any number of contacts: contacts are rows in
 * PostgreSQL and this workflow moves them in pages — a batch run's audience enters in disjoint
 * ranges of contact ids, then each step's due contacts move by one set-based activity per page, as
 * many at once as there are lanes. Between moves it sleeps until the next contact is due or an
 * entry wakes it (`wake`). Pause, resume and cancel are signals; `progress` is a query; it
 * continues as new when the server suggests, carrying cursors only.
 */
export async function journeyRunWorkflow(input: RunInput): Promise<BroadcastProgress> {
  const carried = input.carried;
  const progress: BroadcastProgress = carried?.progress ?? scheduledProgress();
  const ranges: PageRange[] = carried?.ranges ?? [];
  let planned = carried?.planned ?? null;
  let planDone = carried?.planDone ?? false;
  let entered = carried?.entered ?? input.mode === 'realtime';
  let sendNodeIds = carried?.sendNodeIds ?? [];
  let paused = carried?.paused ?? false;
  let experiment = carried?.experiment;
  let canceled = false;
  let woken = false;
  const pageSize = input.pageSize ?? 2500;
  const concurrency = Math.max(1, input.concurrency ?? 4);
  const ref = { workspaceId: input.workspaceId, runId: input.runId };
  setHandler(pauseSignal, () => void (paused = true));
  setHandler(resumeSignal, () => void (paused = false));
  setHandler(cancelSignal, () => void (canceled = true));
  setHandler(wakeSignal, () => void (woken = true));
  setHandler(progressQuery, () => ({
    ...progress,
    status: canceled ? 'canceled' : paused && progress.status === 'running' ? 'paused' : progress.status,
  }));

  const count = (c: StepCounts) => {
    progress.pages += 1;
    progress.processed += c.processed;
    progress.sent += c.sent;
    progress.failed += c.failed;
    progress.skipped += c.skipped;
  };
  const carry = (): RunCarry => ({
    entered,
    ranges,
    planned,
    planDone,
    progress,
    paused,
    sendNodeIds,
    ...(experiment ? { experiment } : {}),
  });
  const rollOver = () => continueAsNew<typeof journeyRunWorkflow>({ ...input, carried: carry() });

  if (!carried) {
    const delay = (input.sendAt ?? 0) - Date.now();
    if (delay > 0) await condition(() => canceled, delay);
    if (canceled) return finish('canceled');
    const opened = await short.openRun({ runId: input.runId, now: Date.now() });
    progress.total = opened.total;
    progress.status = 'running';
    sendNodeIds = opened.sendNodeIds;
    if (opened.experiment) experiment = { ...opened.experiment, phase: 'test', decideAt: null };
  }

  /**
   * Runs `work` over ranges in `concurrency` lanes until they run out, the run pauses or is canceled, or history is
   * long.
   */
  const lanes = async (
    queue: PageRange[],
    work: (r: PageRange) => Promise<string | null>,
    refill?: () => Promise<void>,
  ): Promise<'done' | 'stopped'> => {
    let stop = false;
    const lane = async (): Promise<void> => {
      for (;;) {
        if (paused || canceled || stop) return;
        if (refill && queue.length < concurrency) await refill();
        const range = queue.shift();
        if (!range) return;
        const nextCursor = await work(range);
        // More contacts in the range than one page: its rest goes first.
        if (nextCursor !== null) queue.unshift({ from: nextCursor, until: range.until });
        if (workflowInfo().continueAsNewSuggested) stop = true;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return queue.length === 0 && !refill ? 'done' : stop || paused || canceled ? 'stopped' : 'done';
  };

  // 1. A batch run's audience enters, range by range (a first send goes out on the way in).
  let planning: Promise<void> | null = null;
  const refill = async (): Promise<void> => {
    if (planDone) return;
    planning ??= (async () => {
      const next = await short.planEntryRanges({ runId: input.runId, after: planned, pageSize, maxRanges: planAhead });
      const fresh: PageRange[] = [];
      for (const b of next.boundaries) {
        fresh.push({ from: planned, until: b });
        planned = b;
      }
      if (next.done) {
        fresh.push({ from: planned, until: null });
        planDone = true;
      }
      ranges.push(...(patched(rangesApart) ? apart(fresh) : fresh));
    })().finally(() => (planning = null));
    await planning;
  };
  /** Enters the audience, range by range, in the experiment's phase when there is one. */
  const enterAudience = async (): Promise<'entered' | 'canceled'> => {
    while (!entered) {
      await lanes(
        ranges,
        async (r) => {
          const page = await pages.enterRange({
            runId: input.runId,
            cursor: r.from,
            until: r.until,
            pageSize,
            now: Date.now(),
            ...(experiment ? { phase: experiment.phase } : {}),
          });
          count(page);
          return page.nextCursor;
        },
        refill,
      );
      if (canceled) return 'canceled';
      if (planDone && ranges.length === 0) entered = true;
      else if (workflowInfo().continueAsNewSuggested) await rollOver();
      else if (paused) await holdWhilePaused();
    }
    return 'entered';
  };
  if ((await enterAudience()) === 'canceled') return finish('canceled');

  // 1b. An experiment's test share got its variants: wait, choose the winner, and the rest enter with it.
  if (experiment?.phase === 'test') {
    experiment.decideAt ??= Date.now() + experiment.afterMs;
    while (!canceled && Date.now() < experiment.decideAt) {
      await condition(() => canceled, experiment.decideAt - Date.now());
    }
    if (canceled) return finish('canceled');
    await short.decideExperiment({ runId: input.runId, nodeId: experiment.nodeId, now: Date.now() });
    experiment.phase = 'rest';
    entered = false;
    ranges.length = 0;
    planned = null;
    planDone = false;
    if ((await enterAudience()) === 'canceled') return finish('canceled');
  }

  // 2. The steps: move whatever is due, sleep until the next contact is due or an entry arrives.
  for (;;) {
    if (canceled) return finish('canceled');
    if (paused) await holdWhilePaused();
    if (canceled) return finish('canceled');
    woken = false;
    const tick = await pages.advanceRun({
      runId: input.runId,
      now: Date.now(),
      pageSize,
      maxRanges: 64,
      budgetMs: 20_000,
    });
    count(tick);
    for (const step of tick.large) {
      const queue = [...step.ranges];
      await lanes(queue, async (r) => {
        const page = await pages.runStepRange({
          runId: input.runId,
          nodeId: step.nodeId,
          cursor: r.from,
          until: r.until,
          pageSize,
          now: Date.now(),
        });
        count(page);
        return page.nextCursor;
      });
    }
    if (workflowInfo().continueAsNewSuggested) await rollOver();
    if (tick.more || tick.large.length > 0) continue;
    if (!tick.active && (input.mode === 'batch' || tick.closed)) break;
    if (woken || paused || canceled) continue;
    if (tick.nextDueAt === null) await condition(() => woken || paused || canceled);
    else await condition(() => woken || paused || canceled, Math.max(tick.nextDueAt - Date.now(), 1));
  }

  // 3. Group messages reach contacts only when their employee confirms: read the results for a while.
  const polls = input.resultPolls ?? { times: 24, everyMs: 5 * 60_000 };
  for (let i = 0; i < polls.times && !canceled && sendNodeIds.length > 0; i++) {
    let pending = 0;
    for (const nodeId of sendNodeIds) {
      pending += (await short.collectGroupMessageResults({ ...ref, nodeId, now: Date.now() })).pending;
    }
    if (pending === 0) break;
    await condition(() => canceled, polls.everyMs);
  }
  return finish(canceled ? 'canceled' : 'completed');

  async function holdWhilePaused(): Promise<void> {
    await short.setRunStatus({ ...ref, status: 'paused', now: Date.now() });
    await condition(() => !paused || canceled);
    if (!canceled) await short.setRunStatus({ ...ref, status: 'running', now: Date.now() });
  }

  async function finish(status: 'completed' | 'canceled'): Promise<BroadcastProgress> {
    progress.status = status;
    await short.setRunStatus({ ...ref, status, now: Date.now() });
    return progress;
  }
}
