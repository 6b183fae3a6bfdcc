import { ApplicationFailure } from '@temporalio/common';
import {
  audienceBoundaries,
  broadcasts,
  countAudience,
  enterAfterSend,
  enterAudiencePage,
  enterHeldOut,
  heldOut,
  openCohort,
  waitEnd,
  inTestShare,
  sql,
  eq,
  runs,
  type AudienceQuery,
  withSegmentRule,
  type SQL,
  type VariantChoice,
} from '@herald/db';
import { callsAreScarce, durationMs, ledgerCohortOf, type Audience, type Plan, type SendData } from '@herald/engine';
import type { StepCounts } from '@herald/engine/workflows';
import { identityKindFor, loadAccount } from '@herald/channels';
import type { ActivityDeps } from '../deps';
import { deliver } from '../send/deliver';
import { recordedWinner } from './experiment';
import { recordedBy } from './run-step';
import { runContext, type RunContext } from './run-context';

/** A batch run's first step when it is a send: its audience goes straight to the ledger (a broadcast). */
const firstSend = (plan: Plan): { nodeId: string; send: SendData } | null => {
  const first = plan.entry ? plan.nodes[plan.entry] : undefined;
  return first?.kind === 'send' ? { nodeId: first.id, send: first.data as SendData } : null;
};

/** Who enters a batch run: a first send's own audience, else the trigger's. */
function entryAudience(plan: Plan): Audience {
  const own = firstSend(plan)?.send.audience;
  const audience = own ?? (plan.trigger.data as { audience?: Audience }).audience;
  if (!audience) throw ApplicationFailure.nonRetryable('a batch run needs an audience', 'HERALD_ERR_AUDIENCE_REQUIRED');
  return audience;
}

/** The audience query of a batch run's entry: addressed on a first send's channel, else any contact. */
async function entryQuery(deps: ActivityDeps, ctx: RunContext): Promise<Omit<AudienceQuery, 'cursor' | 'limit'>> {
  const first = firstSend(ctx.plan);
  const audience = await withSegmentRule(deps.db, ctx.workspaceId, entryAudience(ctx.plan));
  if (!first) return { workspaceId: ctx.workspaceId, audience, identityKind: null, channelAccountId: ctx.workspaceId };
  const { config } = await loadAccount(deps, ctx.workspaceId, first.send.channelAccountId);
  return {
    workspaceId: ctx.workspaceId,
    audience,
    identityKind: identityKindFor(config.kind),
    channelAccountId: config.id,
  };
}

/** Marks a run running (its broadcast in progress) and counts who enters a batch run. */
export async function openRun(deps: ActivityDeps, input: { runId: string; now: number }) {
  const ctx = await runContext(deps, input.runId);
  const batch = ctx.plan.mode === 'batch';
  const total = batch ? await countAudience(deps.db, await entryQuery(deps, ctx)) : 0;
  await deps.db
    .update(runs)
    .set({ status: 'running', ...(batch ? { total } : {}), startedAt: new Date(input.now), updatedAt: new Date() })
    .where(eq(runs.id, input.runId));
  if (ctx.broadcastId)
    await deps.db
      .update(broadcasts)
      .set({ status: 'in_progress', updatedAt: new Date() })
      .where(eq(broadcasts.id, ctx.broadcastId));
  const sendNodeIds = Object.values(ctx.plan.nodes)
    .filter((n) => n.kind === 'send')
    .map((n) => n.id);
  const first = batch ? firstSend(ctx.plan) : null;
  const winner = first && experimentOf(first.send) ? first.send.winner : undefined;
  return {
    total,
    mode: ctx.plan.mode,
    sendNodeIds,
    ...(first && winner ? { experiment: { nodeId: first.nodeId, afterMs: durationMs(winner.after) } } : {}),
  };
}

/** Whether a send splits its contacts into variants (two or more). */
const experimentOf = (send: SendData): boolean => (send.variants?.length ?? 0) > 1;

/**
 * Who a first send's page leaves out and how its rows get their variant: the holdout always; with a
 * winner to choose, the test phase sends the variants to the test share only, and the rest phase
 * sends the recorded winner to everyone else.
 */
async function firstSendSplit(
  deps: ActivityDeps,
  ctx: RunContext,
  first: { nodeId: string; send: SendData },
  phase: 'test' | 'rest' | undefined,
): Promise<{ except: SQL; variants?: VariantChoice }> {
  const held = heldOut(ctx.plan, sql`c.id`);
  const { variants, winner } = first.send;
  if (!variants || !experimentOf(first.send)) return { except: held };
  const at = { journeyId: ctx.plan.journeyId, nodeId: first.nodeId };
  const split: VariantChoice = { ...at, variants };
  if (!winner) return { except: held, variants: split };
  const tested = inTestShare(at, winner.testPercent, sql`c.id`);
  if (phase !== 'rest') return { except: sql`(${held} or not ${tested})`, variants: split };
  return {
    except: sql`(${held} or ${tested})`,
    variants: { winner: await recordedWinner(deps, ctx.runId, first.nodeId) },
  };
}

/** Splits a batch run's audience into ranges of `pageSize` contacts (disjoint: lanes never share one). */
export async function planEntryRanges(
  deps: ActivityDeps,
  input: { runId: string; after: string | null; pageSize: number; maxRanges: number },
) {
  const ctx = await runContext(deps, input.runId);
  // A first send whose calls the account's quota counts (WeChat mass) goes in full calls: pages of exactly a page.
  const first = firstSend(ctx.plan);
  return audienceBoundaries(deps.db, {
    ...(await entryQuery(deps, ctx)),
    cursor: input.after,
    pageSize: input.pageSize,
    maxRanges: input.maxRanges,
    exact: first !== null && callsAreScarce(first.send.method),
  });
}

/**
 * One page of a batch run's audience enters the journey. A first send records and sends the page
 * at once (what a broadcast is) and its contacts go on to the send's next step; any other first
 * step gets the page as rows, due by that step's rule.
 */
export async function enterRange(
  deps: ActivityDeps,
  input: {
    runId: string;
    cursor: string | null;
    until: string | null;
    pageSize: number;
    now: number;
    phase?: 'test' | 'rest';
  },
): Promise<StepCounts & { nextCursor: string | null }> {
  const ctx = await runContext(deps, input.runId);
  const now = new Date(input.now);
  const query = { ...(await entryQuery(deps, ctx)), cursor: input.cursor, until: input.until, limit: input.pageSize };
  const first = firstSend(ctx.plan);
  const landing = { workspaceId: ctx.workspaceId, runId: ctx.runId, journeyVersionId: ctx.journeyVersionId, now };
  const nextCursor = (processed: number, lastId: string | null) =>
    processed < input.pageSize || lastId === null || lastId === input.until ? null : lastId;
  if (!first) {
    const page = await enterAudiencePage(deps.db, ctx.plan, { ...landing, nodeId: ctx.plan.entry }, query);
    return {
      processed: page.processed,
      sent: 0,
      failed: 0,
      skipped: 0,
      nextCursor: nextCursor(page.processed, page.lastId),
    };
  }
  const split = await firstSendSplit(deps, ctx, first, input.phase);
  const result = await deliver(deps, {
    workspaceId: ctx.workspaceId,
    runId: ctx.runId,
    journeyVersionId: ctx.journeyVersionId,
    nodeId: first.nodeId,
    entrySeq: 0,
    send: first.send,
    page: {
      audience: query.audience,
      cursor: input.cursor,
      until: input.until,
      limit: input.pageSize,
      except: split.except,
    },
    ...(split.variants ? { variants: split.variants } : {}),
    now,
    journey: { id: ctx.plan.journeyId, frequencyCap: ctx.plan.settings.frequencyCap },
    countEntered: true,
    holdBack: true,
  });
  // The holdout of the page's range is recorded (never sent): the range ends where the page did
  // (once: the rest of an experiment's audience enters the same ranges again).
  const pageEnd = nextCursor(result.processed, result.lastId) ?? input.until;
  if (input.phase !== 'rest')
    await enterHeldOut(
      deps.db,
      ctx.plan,
      { ...landing, nodeId: first.nodeId },
      { ...query, cursor: input.cursor, until: pageEnd },
    );
  const cohort = ledgerCohortOf(ctx.plan);
  const pageUntil = input.until ?? result.lastId;
  if (cohort) {
    // The wait after the send keeps the page's contacts as its ledger rows (engine/src/plan/ledger-cohort.ts): its
    // range ends where the page did (a full page of a longer range: at its last contact, the next page goes on from
    // there), so cohorts never overlap; its members are the page's ledger rows (held ones wait as rows at the send).
    const until = pageEnd ?? result.lastId;
    const members = result.processed - result.waiting;
    if (until !== null && members > 0)
      await openCohort(
        deps.db,
        landing,
        { waitId: cohort.waitId, dueAt: new Date(waitEnd(input.now, cohort.waitMs)) },
        { after: input.cursor, until, members },
      );
  } else
    await enterAfterSend(
      deps.db,
      ctx.plan,
      { ...landing, nodeId: (ctx.plan.nodes[first.nodeId]?.next.out ?? null) as string | null },
      { nodeId: first.nodeId, cursor: input.cursor, until: pageUntil },
    );
  return {
    // Contacts waiting at the send for their employee's rate are counted when their page processes them.
    processed: result.processed - result.waiting,
    sent: result.page.sent,
    failed: result.page.failed,
    skipped: result.page.skipped,
    nextCursor: nextCursor(result.processed, result.lastId),
    ...recordedBy(result),
  };
}
