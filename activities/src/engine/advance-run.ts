import { enterQueued, eq, runs, scanRun, stepBoundaries } from '@herald/db';
import type { AdvanceResult, PageRange, StepCounts } from '@herald/engine/workflows';
import type { ActivityDeps } from '../deps';
import { heartbeat } from '../send/deliver';
import { runContext } from './run-context';
import { runStepPage } from './run-step';

export interface AdvanceInput {
  runId: string;
  /** The workflow clock: what is due, and every time written, follows it. */
  now: number;
  pageSize: number;
  /** Ranges planned at most per large step. */
  maxRanges: number;
  /** How long to keep moving small steps before handing back to the workflow (ms of wall time). */
  budgetMs: number;
}

const add = (a: StepCounts, b: StepCounts) => {
  a.processed += b.processed;
  a.sent += b.sent;
  a.failed += b.failed;
  a.skipped += b.skipped;
};

/**
 * Moves a run's due contacts: every step with at most a page due is run here, again and again as
 * contacts flow on (a follow → split → tag → send entry goes through in one call); a step with more
 * than a page due is planned into disjoint ranges of contact ids for the workflow to spread over
 * workers. Returns the next wake-up and whether anyone is still in the run.
 */
export async function advanceRun(deps: ActivityDeps, input: AdvanceInput): Promise<AdvanceResult> {
  const ctx = await runContext(deps, input.runId);
  const now = new Date(input.now);
  const counts: StepCounts = { processed: 0, sent: 0, failed: 0, skipped: 0 };
  const started = Date.now();
  const large = new Map<string, number>();
  let more = false;
  // Entries the drainer queued come in first, on this run's clock (their waits start now).
  for (;;) {
    const entered = await deps.db.transaction((tx) =>
      enterQueued(tx as unknown as typeof deps.db, ctx.plan, ctx, now, input.pageSize),
    );
    if (entered < input.pageSize || Date.now() - started > input.budgetMs) break;
  }
  let scan = await scanRun(deps.db, input.runId, now);
  for (let round = 0; ; round++) {
    for (const d of scan.due) if (d.count > input.pageSize) large.set(d.nodeId, d.count);
    const small = scan.due.filter((d) => !large.has(d.nodeId));
    if (small.length === 0) break;
    let progressed = 0;
    for (const { nodeId } of small) {
      const outcome = await runStepPage(deps, ctx, { nodeId, cursor: null, until: null, limit: input.pageSize, now });
      add(counts, outcome);
      progressed += outcome.moved + outcome.processed;
      heartbeat({ round, nodeId });
    }
    // Rows another attempt holds (skipped while locked) make no progress: leave them to the next tick.
    if (progressed === 0) break;
    if (Date.now() - started > input.budgetMs) {
      more = true;
      break;
    }
    scan = await scanRun(deps.db, input.runId, now);
  }
  const ranges: Array<{ nodeId: string; ranges: PageRange[] }> = [];
  for (const nodeId of large.keys()) {
    const { boundaries, done } = await stepBoundaries(deps.db, {
      runId: input.runId,
      nodeId,
      now,
      after: null,
      pageSize: input.pageSize,
      maxRanges: input.maxRanges,
    });
    const list: PageRange[] = [];
    let from: string | null = null;
    for (const b of boundaries) {
      list.push({ from, until: b });
      from = b;
    }
    if (done) list.push({ from, until: null });
    ranges.push({ nodeId, ranges: list });
  }
  const final = ranges.length > 0 || more ? scan : await scanRun(deps.db, input.runId, now);
  const [run] = await deps.db.select({ closedAt: runs.closedAt }).from(runs).where(eq(runs.id, input.runId));
  return {
    ...counts,
    large: ranges,
    more,
    nextDueAt: final.nextDueAt,
    active: final.active,
    closed: run?.closedAt != null,
  };
}
