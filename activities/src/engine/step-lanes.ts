import { stepBoundaries, type HeraldDb } from '@herald/db';
import { callsAreScarce, type SendData } from '@herald/engine';
import type { PageRange } from '@herald/engine/workflows';
import type { ActivityDeps } from '../deps';
import type { RunContext } from './run-context';
import { addCounts, noOutcome, runStepPage, type StepOutcome } from './run-step';

/** Lanes a due send or webhook step is split into within `advanceRun` (the workflow's own lane count). */
export const STEP_LANES = 4;

/** Below this many due a send goes as one page (two slices of 16 calls): each lane costs its own statements. */
const LANE_THRESHOLD = 32;

/** Whether a step's due contacts go in lanes (a send or a webhook: its provider calls take the time). */
const inLanes = (ctx: RunContext, nodeId: string) => {
  const kind = ctx.plan.nodes[nodeId]?.kind;
  return kind === 'send' || kind === 'webhook';
};

/**
 * Whether a step is a send whose calls an account quota counts (WeChat mass, 100 calls a day): its pages then
 * carry full calls, a page of exactly `pageSize` at a time (exact ranges, no lanes of a share each).
 */
export const callsScarceAt = (ctx: RunContext, nodeId: string): boolean => {
  const node = ctx.plan.nodes[nodeId];
  return node?.kind === 'send' && callsAreScarce((node.data as SendData).method);
};

/**
 * How many contacts due at a step `advanceRun` moves itself (beyond it the workflow plans ranges): a
 * page, or a page per lane for a step that goes in lanes.
 */
export const inlineLimit = (ctx: RunContext, nodeId: string, pageSize: number, lanes: number): number =>
  inLanes(ctx, nodeId) ? pageSize * lanes : pageSize;

/** The last uuid of the `i`-th of `n` equal parts of the uuid space. */
function laneEnd(i: number, n: number): string {
  const head = (Math.floor((i * 0x1_0000_0000) / n) - 1).toString(16).padStart(8, '0');
  return `${head}-ffff-ffff-ffff-ffffffffffff`;
}

/** `n` disjoint ranges of contact ids, (from, until], that together cover every id. */
export function idLanes(n: number): PageRange[] {
  const lanes: PageRange[] = [];
  let from: string | null = null;
  for (let i = 1; i < n; i++) {
    const until = laneEnd(i, n);
    lanes.push({ from, until });
    from = until;
  }
  lanes.push({ from, until: null });
  return lanes;
}

/**
 * A batch run's lanes for a step: `n` disjoint ranges of contact ids, (from, until], that together cover
 * every id, each holding about its share of the rows due there now (cut where a lock bucket ends, so
 * their pages take no common per-contact lock). A batch run's contacts reach a step in waves of entry
 * pages, each a run of ids (the audience enters in id order): fixed quarters of the id space left two or
 * three of the four lanes of a wave empty.
 */
export async function dueLanes(
  db: HeraldDb,
  runId: string,
  step: { nodeId: string; due: number; now: Date; lanes: number },
): Promise<PageRange[]> {
  const { boundaries } = await stepBoundaries(db, {
    runId,
    nodeId: step.nodeId,
    now: step.now,
    after: null,
    pageSize: Math.ceil(step.due / step.lanes),
    maxRanges: step.lanes - 1,
  });
  const cuts = [null, ...boundaries, null];
  return cuts.slice(0, -1).map((from, i) => ({ from, until: cuts[i + 1]! }));
}

const sum = (outcomes: StepOutcome[]): StepOutcome => outcomes.reduce((total, o) => addCounts(total, o), noOutcome());

/**
 * One page of a step's due contacts (at most `inlineLimit` of them are due). A send or a webhook with more
 * than a few due goes in `lanes` pages at once over disjoint ranges of contact ids (a batch run's planned
 * from its due rows, `dueLanes`), as the workflow's lanes move a large step: its one-by-one calls are what
 * takes the time, and each lane leaves at most one unsettled slice of them at a kill. Every lane ends (settled
 * or failed) before an error goes up, so no page of this attempt still sends while a retry takes its rows.
 */
export async function runDueStep(
  deps: ActivityDeps,
  ctx: RunContext,
  step: { nodeId: string; due: number; limit: number; now: Date; lanes: number },
): Promise<StepOutcome> {
  const { nodeId, limit, now } = step;
  // A send whose calls are scarce goes a full page at a time: lanes of a share each would each make a call.
  const split = inLanes(ctx, nodeId) && !callsScarceAt(ctx, nodeId) && step.due >= LANE_THRESHOLD && step.lanes > 1;
  if (!split) return runStepPage(deps, ctx, { nodeId, cursor: null, until: null, limit, now });
  // A real-time run's due contacts are spread over the id space: its lanes are fixed, with no statement to plan them.
  const lanes = ctx.plan.mode === 'batch' ? await dueLanes(deps.db, ctx.runId, step) : idLanes(step.lanes);
  const results = await Promise.allSettled(
    lanes.map((r) => runStepPage(deps, ctx, { nodeId, cursor: r.from, until: r.until, limit, now })),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return sum(results.map((r) => (r as PromiseFulfilledResult<StepOutcome>).value));
}
