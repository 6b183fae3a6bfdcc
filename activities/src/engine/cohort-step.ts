import { closeCohort, dueCohorts, enterAfterSend, pathFrom, sql, type CohortPaths, type CohortRange } from '@herald/db';
import type { LedgerCohort, SendData } from '@herald/engine';
import type { ActivityDeps } from '../deps';
import { deliver } from '../send/deliver';
import { heartbeat } from '../send/heartbeating';
import { stepVariants } from './experiment';
import type { RunContext } from './run-context';
import { addCounts, noOutcome, recordedBy, type StepOutcome } from './run-step';

/**
 * Moves a run's ledger cohorts due at the wait they keep, within (cursor, until]: for each (an entry page's
 * contacts), every send their paths end at sends on the way in to those whose path ends there — the page read
 * from the first send's ledger rows, through the same one statement as any page — and those contacts go on to the
 * send's next step; then the cohort is closed (its counters moved). Exactly once: each send's ledger key (entry 0)
 * takes a contact once, a retry resends nothing (as any page), the rows after a send are entered once (their
 * primary key), and the close is one statement that finds the cohort open.
 */
export async function runCohortPage(
  deps: ActivityDeps,
  ctx: RunContext,
  cohort: LedgerCohort,
  page: { cursor: string | null; until: string | null; limit: number; now: Date },
): Promise<StepOutcome> {
  const { now } = page;
  const place = { workspaceId: ctx.workspaceId, runId: ctx.runId, journeyVersionId: ctx.journeyVersionId };
  const wait = ctx.plan.nodes[cohort.waitId]!;
  const first = ctx.plan.nodes[cohort.sendId]!;
  // A split on "read the first message" reads the member's own ledger row (one message: its only row there).
  const own =
    (first.data as SendData).messages.length === 1 ? { nodeId: cohort.sendId, status: sql`s.status` } : undefined;
  const scope = {
    workspaceId: ctx.workspaceId,
    journeyId: ctx.plan.journeyId,
    plan: ctx.plan,
    ...(own ? { own } : {}),
  };
  const path = pathFrom(wait, 'out', scope, now);
  const out = noOutcome();
  const ranges = await dueCohorts(deps.db, {
    runId: ctx.runId,
    waitId: cohort.waitId,
    now,
    cursor: page.cursor,
    until: page.until,
  });
  const kindOf = (t: string | null) => (t === null ? undefined : ctx.plan.nodes[t]?.kind);
  const sends = cohort.targets.filter((t): t is string => kindOf(t) === 'send');
  const exits = cohort.targets.filter((t): t is string => kindOf(t) === 'exit');
  for (const range of ranges) {
    // The members' paths as the range's first send page counted them (that page reads every member): the close
    // moves the counters by them instead of reading the members again. A cohort with no send reads them there.
    let counted: CohortPaths | undefined;
    for (const target of sends) {
      const send = ctx.plan.nodes[target]!.data as SendData;
      const others = sends.filter((t) => t !== target);
      const paths = await sendTo(deps, ctx, { cohort, range, target, send, path, now, limit: page.limit, others }, out);
      counted ??= paths;
    }
    out.moved += await closeCohort(deps.db, place, { ...cohort, exits }, range, path, now, counted);
    out.processed += range.members;
    heartbeat({ cohort: range.until });
  }
  return out;
}

/**
 * One cohort range's contacts whose path ends at the send `target`: sent, then on to the send's next step. Returns
 * the range's members counted by path, as its first page read them (the whole range).
 */
async function sendTo(
  deps: ActivityDeps,
  ctx: RunContext,
  p: {
    cohort: LedgerCohort;
    range: CohortRange;
    target: string;
    send: SendData;
    path: ReturnType<typeof pathFrom>;
    now: Date;
    limit: number;
    /** The cohort's other sends (see AudienceQuery.cohort). */
    others: string[];
  },
  out: StepOutcome,
): Promise<CohortPaths | undefined> {
  const { range, target, now } = p;
  const variants = await stepVariants(
    deps,
    { runId: ctx.runId, journeyId: ctx.plan.journeyId, nodeId: target },
    p.send,
  );
  // A cohort's range is one entry page, so one page takes every member bound here; a range that held more (its
  // entry page was larger) goes on page after page.
  let paths: CohortPaths | undefined;
  for (let cursor = range.after; ;) {
    const result = await deliver(deps, {
      workspaceId: ctx.workspaceId,
      runId: ctx.runId,
      journeyVersionId: ctx.journeyVersionId,
      nodeId: target,
      entrySeq: 0,
      send: p.send,
      page: {
        audience: { kind: 'all' },
        cursor,
        until: range.until,
        limit: p.limit,
        cohort: { runId: ctx.runId, sendId: p.cohort.sendId, path: p.path, target, others: p.others },
      },
      now,
      journey: { id: ctx.plan.journeyId, frequencyCap: ctx.plan.settings.frequencyCap },
      countEntered: true,
      holdBack: true,
      ...(variants ? { variants } : {}),
    });
    addCounts(out, { ...result.page, processed: 0, waiting: result.waiting, ...recordedBy(result) });
    if (cursor === range.after) paths = result.paths;
    if (result.processed < p.limit || result.lastId === null || result.lastId === range.until) break;
    cursor = result.lastId;
  }
  await enterAfterSend(
    deps.db,
    ctx.plan,
    {
      workspaceId: ctx.workspaceId,
      runId: ctx.runId,
      journeyVersionId: ctx.journeyVersionId,
      nodeId: (ctx.plan.nodes[target]?.next.out ?? null) as string | null,
      now,
    },
    { nodeId: target, cursor: range.after, until: range.until },
  );
  return paths;
}
