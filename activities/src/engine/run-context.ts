import { ApplicationFailure } from '@temporalio/common';
import { eq, journeyVersions, runs } from '@herald/db';
import { parsePlan, type Plan } from '@herald/engine';
import type { ActivityDeps } from '../deps';

const plans = new Map<string, Plan>();
const runsById = new Map<string, RunContext>();

/** A version's plan, cached forever in the process: published versions are immutable. */
export async function planOf(deps: ActivityDeps, journeyVersionId: string): Promise<Plan> {
  const cached = plans.get(journeyVersionId);
  if (cached) return cached;
  const [row] = await deps.db
    .select({ plan: journeyVersions.plan })
    .from(journeyVersions)
    .where(eq(journeyVersions.id, journeyVersionId));
  if (!row)
    throw ApplicationFailure.nonRetryable(`journey version ${journeyVersionId} does not exist`, 'HERALD_ERR_NOT_FOUND');
  try {
    const plan = parsePlan(row.plan);
    plans.set(journeyVersionId, plan);
    return plan;
  } catch (error) {
    throw ApplicationFailure.nonRetryable(
      (error as Error).message,
      (error as { code?: string }).code ?? 'HERALD_ERR_PLAN_INVALID',
    );
  }
}

/** What never changes about a run: its workspace, version and plan (cached per process). */
export interface RunContext {
  runId: string;
  workspaceId: string;
  journeyVersionId: string;
  broadcastId: string | null;
  plan: Plan;
}

/** A run's fixed facts and its plan. */
export async function runContext(deps: ActivityDeps, runId: string): Promise<RunContext> {
  const cached = runsById.get(runId);
  if (cached) return cached;
  const [run] = await deps.db.select().from(runs).where(eq(runs.id, runId));
  if (!run) throw ApplicationFailure.nonRetryable(`run ${runId} does not exist`, 'HERALD_ERR_NOT_FOUND');
  const context = {
    runId,
    workspaceId: run.workspaceId,
    journeyVersionId: run.journeyVersionId,
    broadcastId: run.broadcastId,
    plan: await planOf(deps, run.journeyVersionId),
  };
  runsById.set(runId, context);
  return context;
}
