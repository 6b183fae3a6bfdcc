import {
  and,
  eq,
  inArray,
  isNull,
  journeyVersions,
  journeys,
  migrateWaiting,
  runs,
  waitingInEarlierRuns,
  type HeraldDb,
  type WaitingStep,
} from '@herald/db';
import { parsePlan, type Plan } from '@herald/engine';
import type { AppDeps } from '../deps';
import { invalidState } from '../errors/herald-error';
import { runPageSize } from './publish.service';
import { signalRun, signalSchedule, wakeRun } from './workflows.service';

/** The journey's runs that are not over (a real-time run, batch runs and occurrences still going). */
async function openRuns(db: HeraldDb, journeyId: string) {
  return db
    .select({ id: runs.id, workflowId: runs.workflowId, kind: runs.kind, status: runs.status })
    .from(runs)
    .innerJoin(journeyVersions, eq(journeyVersions.id, runs.journeyVersionId))
    .where(and(eq(journeyVersions.journeyId, journeyId), inArray(runs.status, ['pending', 'running', 'paused'])));
}

/**
 * What a journey's pause, resume and archive do to what runs: paused, its runs stop moving contacts
 * and its schedule lets occurrences pass (entries are not taken meanwhile); resumed, both go on;
 * archived, its schedule ends, its real-time run takes no more entries and every open run is
 * canceled. Runs whose workflow never started (a real-time run before its first entry) need nothing.
 */
export async function applyJourneyStatus(
  deps: AppDeps,
  journeyId: string,
  action: 'pause' | 'resume' | 'archive',
): Promise<void> {
  if (!deps.temporal) return;
  const signal = action === 'archive' ? 'cancel' : action;
  await signalSchedule(deps, journeyId, signal);
  if (action === 'archive')
    await deps.db
      .update(runs)
      .set({ closedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          inArray(
            runs.journeyVersionId,
            deps.db
              .select({ id: journeyVersions.id })
              .from(journeyVersions)
              .where(eq(journeyVersions.journeyId, journeyId)),
          ),
          isNull(runs.closedAt),
        ),
      );
  for (const run of await openRuns(deps.db, journeyId)) {
    await signalRun(deps, run, signal).catch((error: unknown) => {
      if ((error as Error).name !== 'WorkflowNotFoundError') throw error;
    });
  }
}

/** The live version's real-time run and plan, or a 409 when the journey is not a live real-time one. */
async function liveRun(deps: AppDeps, workspaceId: string, journeyId: string) {
  const [row] = await deps.db
    .select({ versionId: journeyVersions.id, plan: journeyVersions.plan, runId: runs.id })
    .from(journeys)
    .innerJoin(journeyVersions, eq(journeyVersions.id, journeys.currentVersionId))
    .innerJoin(runs, and(eq(runs.journeyVersionId, journeyVersions.id), eq(runs.kind, 'journey')))
    .where(and(eq(journeys.id, journeyId), eq(journeys.workspaceId, workspaceId)));
  if (!row)
    throw invalidState(
      'Only a published journey that contacts enter one by one (a follow, a form, an event) can move its waiting ' +
        'contacts.',
    );
  return { ...row, plan: parsePlan(row.plan) };
}

/** The live version's waiting steps (id → kind): where earlier versions' waiting contacts can go. */
const waitSteps = (plan: Plan) =>
  Object.fromEntries(
    Object.values(plan.nodes)
      .filter((n) => n.kind === 'wait' || n.kind === 'wait_until' || n.kind === 'wait_for_event')
      .map((n) => [n.id, n.kind]),
  );

/** What a migration did or would do: per step of the earlier versions, how many wait there and whether they move. */
export interface MigrationReport {
  dryRun: boolean;
  moved: number;
  staying: number;
  steps: WaitingStep[];
}

/**
 * Moves the contacts waiting in a real-time journey's earlier versions to the live version, at the
 * step with the same id (and kind), keeping their wake-up times; with `dryRun` only counts them.
 * Contacts at steps the live version lacks finish on their version. The live run is woken to take them.
 */
export async function migrateJourney(
  deps: AppDeps,
  workspaceId: string,
  journeyId: string,
  dryRun: boolean,
): Promise<MigrationReport> {
  const live = await liveRun(deps, workspaceId, journeyId);
  const steps = waitSteps(live.plan);
  const waiting = await waitingInEarlierRuns(deps.db, journeyId, live.runId, steps);
  const movable = waiting.filter((s) => s.moves).reduce((n, s) => n + s.count, 0);
  const total = waiting.reduce((n, s) => n + s.count, 0);
  if (dryRun) return { dryRun, moved: movable, staying: total - movable, steps: waiting };
  const moved = await migrateWaiting(
    deps.db,
    { workspaceId, journeyId },
    { runId: live.runId, journeyVersionId: live.versionId, steps },
  );
  if (moved > 0 && deps.temporal)
    await wakeRun(deps, {
      workspaceId,
      runId: live.runId,
      journeyVersionId: live.versionId,
      mode: 'realtime',
      pageSize: runPageSize(live.plan),
    });
  return { dryRun, moved, staying: total - moved, steps: waiting };
}
