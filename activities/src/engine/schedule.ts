import { and, eq, journeys, runs } from '@herald/db';
import { nextOccurrence, type Recurrence } from '@herald/engine';
import type { ActivityDeps } from '../deps';
import { planOf } from './run-context';

/** The live version of a journey that repeats on a schedule, with its rule (null: not live, or not repeating). */
async function liveSchedule(deps: ActivityDeps, journeyId: string) {
  const [journey] = await deps.db.select().from(journeys).where(eq(journeys.id, journeyId));
  if (!journey?.currentVersionId || journey.status === 'archived') return null;
  const plan = await planOf(deps, journey.currentVersionId);
  const trigger = plan.trigger;
  if (trigger.kind !== 'schedule' || (trigger.data as { mode: string }).mode !== 'recurring') return null;
  return { journey, versionId: journey.currentVersionId, rule: trigger.data as Recurrence };
}

/** The next occurrence after `after` of the live version's rule, mirrored on the journey for the pages. */
export async function scheduleNext(deps: ActivityDeps, input: { journeyId: string; after: number | null }) {
  const live = input.after === null ? null : await liveSchedule(deps, input.journeyId);
  const at = live && input.after !== null ? nextOccurrence(input.after, live.rule) : null;
  await deps.db
    .update(journeys)
    .set({ nextRunAt: at === null ? null : new Date(at) })
    .where(eq(journeys.id, input.journeyId));
  return { at };
}

/** Opens one occurrence's run on the live version (once per occurrence time: a retry finds it). */
export async function openOccurrence(deps: ActivityDeps, input: { journeyId: string; occurrenceAt: number }) {
  const live = await liveSchedule(deps, input.journeyId);
  if (!live || live.journey.status !== 'active') return null;
  const occurrenceAt = new Date(input.occurrenceAt);
  const [created] = await deps.db
    .insert(runs)
    .values({
      workspaceId: live.journey.workspaceId,
      journeyVersionId: live.versionId,
      kind: 'broadcast',
      status: 'pending',
      occurrenceAt,
    })
    .onConflictDoNothing()
    .returning({ id: runs.id });
  const runId =
    created?.id ??
    (
      await deps.db
        .select({ id: runs.id })
        .from(runs)
        .where(and(eq(runs.journeyVersionId, live.versionId), eq(runs.occurrenceAt, occurrenceAt)))
    )[0]?.id;
  if (!runId) return null;
  await deps.db
    .update(runs)
    .set({ workflowId: `run/${runId}` })
    .where(eq(runs.id, runId));
  return { runId, journeyVersionId: live.versionId };
}
