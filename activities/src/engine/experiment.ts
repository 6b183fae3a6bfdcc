import { ApplicationFailure } from '@temporalio/common';
import {
  decisionsOf,
  recordDecision,
  sql,
  variantStats,
  type ExperimentDecisionRow,
  type VariantChoice,
} from '@herald/db';
import { chooseWinner, type SendData, type WinnerMetric } from '@herald/engine';
import type { ActivityDeps } from '../deps';
import { runContext } from './run-context';

/** The count of a variant's figures that a metric reads. */
const reachedBy: Record<WinnerMetric, 'delivered' | 'read' | 'replied' | 'converted'> = {
  delivered: 'delivered',
  read: 'read',
  replied: 'replied',
  converted: 'converted',
};

/**
 * Decides a send step's experiment in a run, once: every variant's sends in the run and how many
 * reached the metric, the best rate wins (the z-test against the runner-up gives its p-value and
 * confidence), recorded before anyone else is sent the winner. A retry returns the recorded one.
 */
export async function decideExperiment(
  deps: ActivityDeps,
  input: { runId: string; nodeId: string; now: number },
): Promise<{ winner: string }> {
  const ctx = await runContext(deps, input.runId);
  const node = ctx.plan.nodes[input.nodeId];
  const send = node?.kind === 'send' ? (node.data as SendData) : undefined;
  if (!send?.variants || !send.winner)
    throw ApplicationFailure.nonRetryable(`step ${input.nodeId} has no experiment`, 'HERALD_ERR_PLAN_INVALID');
  const [known] = (await decisionsOf(deps.db, sql`(${input.runId}::uuid)`)).filter((d) => d.nodeId === input.nodeId);
  if (known) return { winner: known.winner };
  const stats = await variantStats(deps.db, sql`(${input.runId}::uuid)`, input.nodeId);
  const metric = send.winner.metric;
  const figures = send.variants.map((v) => {
    const s = stats.find((r) => r.variant === v.id);
    // Through employees (WeCom) a message they have not sent on yet is one the variant did not get
    // read or delivered: it counts in the rate, as the run's counters count it sent.
    return { variant: v.id, sent: s?.handedOut ?? 0, reached: s ? s[reachedBy[metric]] : 0 };
  });
  const choice = chooseWinner(figures);
  const decision: ExperimentDecisionRow = await recordDecision(deps.db, {
    workspaceId: ctx.workspaceId,
    runId: input.runId,
    nodeId: input.nodeId,
    winner: choice.winner,
    metric,
    pValue: choice.pValue,
    confidence: choice.confidence,
    significant: choice.significant,
    figures,
    decidedAt: new Date(input.now),
  });
  return { winner: decision.winner };
}

const winners = new Map<string, string>();

/** A run's recorded winner of a step (cached: a decision never changes); throws before it is decided. */
export async function recordedWinner(deps: ActivityDeps, runId: string, nodeId: string): Promise<string> {
  const key = `${runId}:${nodeId}`;
  const cached = winners.get(key);
  if (cached) return cached;
  const found = await decidedWinner(deps, runId, nodeId);
  if (!found) throw ApplicationFailure.nonRetryable(`no winner decided for ${nodeId} yet`, 'HERALD_ERR_PLAN_INVALID');
  winners.set(key, found);
  return found;
}

/** A run's recorded winner of a step, or null before it is decided. */
const decidedWinner = async (deps: ActivityDeps, runId: string, nodeId: string): Promise<string | null> =>
  (await decisionsOf(deps.db, sql`(${runId}::uuid)`)).find((d) => d.nodeId === nodeId)?.winner ?? null;

/**
 * How a journey step's rows get their variant: split by share, or — on a batch run's first send whose
 * winner is decided (its contacts that waited for their employee's rate come through here) — the winner.
 */
export async function stepVariants(
  deps: ActivityDeps,
  at: { runId: string; journeyId: string; nodeId: string },
  send: SendData,
): Promise<VariantChoice | undefined> {
  if (!send.variants || send.variants.length < 2) return undefined;
  const winner = send.winner ? await decidedWinner(deps, at.runId, at.nodeId) : null;
  if (winner) return { winner };
  return { journeyId: at.journeyId, nodeId: at.nodeId, variants: send.variants };
}
