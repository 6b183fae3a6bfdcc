import { dueCohorts, enterQueued, eq, markRunSleeping, runs, scanRun, stepBoundaries, type RunScan } from '@herald/db';
import { apart, ledgerCohortOf } from '@herald/engine';
import type { AdvanceResult, PageRange, StepCounts } from '@herald/engine/workflows';
import type { ActivityDeps } from '../deps';
import { heartbeat } from '../send/heartbeating';
import { runContext } from './run-context';
import { addCounts, cohortAt, recordedBy } from './run-step';
import { callsScarceAt, inlineLimit, runDueStep, STEP_LANES } from './step-lanes';

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

/**
 * How soon a next wake-up is waited for inside the call instead of by a workflow timer. A timer that
 * short fires while a wake signal's workflow task is with the worker, and that task then cancels a timer
 * that has fired: the real server takes it, but the time-skipping test server refuses the completion and
 * strands the run (it never times the task out). The drainer writes due times on the wall clock, which
 * the run's clock can trail by milliseconds, so "due a few ms from now" is common. Waiting here costs a
 * worker slot for at most this long and saves a timer's history events.
 */
const SHORT_WAIT_MS = 2000;

/** How long a real-time run keeps looking for entries after its last move before it sleeps, and how often. */
const LINGER_MS = 1000;
const LINGER_POLL_MS = 100;

/**
 * Moves a run's due contacts: every step with at most a page due is run here, again and again as
 * contacts flow on (a follow → split → tag → send entry goes through in one call); a step with more
 * than a page due is planned into disjoint ranges of contact ids for the workflow to spread over
 * workers. Returns the next wake-up and whether anyone is still in the run.
 */
export async function advanceRun(deps: ActivityDeps, input: AdvanceInput): Promise<AdvanceResult> {
  const ctx = await runContext(deps, input.runId);
  const counts: StepCounts = { processed: 0, sent: 0, failed: 0, skipped: 0, ...recordedBy(null) };
  const started = Date.now();
  // The workflow clock when the call was made, moved on by the time spent here: entries that arrive
  // while the call goes on start their waits when they come in.
  const clock = () => new Date(input.now + (Date.now() - started));
  const large = new Map<string, number>();
  let more = false;
  let scan: RunScan | undefined;
  let asleep = false;
  const realtime = ctx.plan.mode === 'realtime';
  const scanOpts = { cohorts: ledgerCohortOf(ctx.plan) !== null };
  let lastMoved = started;
  for (let round = 0; ; round++) {
    const now = clock();
    // Entries the drainer queued come in first, on this run's clock, at most a page per send lane a round
    // (what the round can send): a round stays short under a backlog, so entries arriving meanwhile wait
    // one short round, never a long one. New ones keep coming in while the call goes on, with no round
    // trip through Temporal. (One page a round halved a storm's rate: 378/s where 788/s came in.)
    let progressed = 0;
    for (let page = 0; page < STEP_LANES; page++) {
      const entered = await deps.db.transaction((tx) =>
        enterQueued(tx as unknown as typeof deps.db, ctx.plan, ctx, now, input.pageSize),
      );
      progressed += entered;
      if (entered < input.pageSize) break;
    }
    scan = await scanRun(deps.db, input.runId, now, scanOpts);
    for (const d of scan.due)
      if (d.count > inlineLimit(ctx, d.nodeId, input.pageSize, STEP_LANES)) large.set(d.nodeId, d.count);
    for (const { nodeId, count } of scan.due.filter((d) => !large.has(d.nodeId))) {
      const outcome = await runDueStep(deps, ctx, {
        nodeId,
        due: count,
        limit: input.pageSize,
        now,
        lanes: STEP_LANES,
      });
      // Contacts waiting for their employee's rate are counted when their page processes them.
      addCounts(counts, { ...outcome, processed: outcome.processed - outcome.waiting });
      progressed += outcome.moved + outcome.processed;
      heartbeat({ round, nodeId });
    }
    if (large.size > 0) break;
    if (progressed === 0) {
      // Nothing came in and nothing moved (rows another attempt holds are skipped while locked). A
      // real-time run looks again a few times first: the drainer queues entries in batches a moment
      // apart, and a run that slept between two of them would cost a wake signal and a new activity
      // (history events, and a Temporal round trip of latency) per batch.
      if (!asleep && realtime && Date.now() - lastMoved < LINGER_MS) {
        await new Promise((r) => setTimeout(r, LINGER_POLL_MS));
        continue;
      }
      // Done for now. The run is marked asleep before one more look, so entries queued meanwhile are
      // either taken by that look or wake the workflow (see run-sleep.ts); a busy run is never signalled.
      if (!asleep) {
        await markRunSleeping(deps.db, input.runId, (asleep = true));
        continue;
      }
      // A wake-up due within moments is waited for here rather than by a workflow timer that a wake
      // signal would race (see SHORT_WAIT_MS).
      const wait = scan.nextDueAt === null ? null : scan.nextDueAt - clock().getTime();
      if (wait === null || wait > SHORT_WAIT_MS || Date.now() - started + wait > input.budgetMs) break;
      heartbeat({ round, waitingMs: wait });
      await new Promise((r) => setTimeout(r, Math.max(wait, 0)));
      continue;
    }
    lastMoved = Date.now();
    if (asleep) await markRunSleeping(deps.db, input.runId, (asleep = false));
    if (Date.now() - started > input.budgetMs) {
      more = true;
      break;
    }
  }
  const now = clock();
  const ranges: Array<{ nodeId: string; ranges: PageRange[] }> = [];
  for (const nodeId of large.keys()) {
    const cohort = cohortAt(ctx.plan, nodeId);
    if (cohort) {
      // A cohort's ranges are its entry pages' (disjoint; exact ones for a scarce first send: full calls again).
      const due = await dueCohorts(deps.db, {
        runId: input.runId,
        waitId: cohort.waitId,
        now,
        cursor: null,
        until: null,
      });
      const list = due.slice(0, input.maxRanges).map((r) => ({ from: r.after, until: r.until }));
      ranges.push({ nodeId, ranges: apart(list) });
      continue;
    }
    const { boundaries, done } = await stepBoundaries(deps.db, {
      runId: input.runId,
      nodeId,
      now,
      after: null,
      pageSize: input.pageSize,
      maxRanges: input.maxRanges,
      exact: callsScarceAt(ctx, nodeId),
    });
    const list: PageRange[] = [];
    let from: string | null = null;
    for (const b of boundaries) {
      list.push({ from, until: b });
      from = b;
    }
    if (done) list.push({ from, until: null });
    // Every other range first: exact ranges meet inside a lock bucket, and neighbours taken at once wait in a chain.
    ranges.push({ nodeId, ranges: apart(list) });
  }
  // Without large steps the last round's look (taken after the run was marked asleep) says when to wake:
  // contacts due since then wake the workflow by signal, so they never shorten its timer.
  const final = large.size === 0 && !more ? scan! : await scanRun(deps.db, input.runId, now, scanOpts);
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
