import { and, eq, inArray } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { runs } from '../schema/journeys';

// Whether a real-time run's workflow must be woken. Its last look before it sleeps marks the run
// asleep first and then looks at the queue once more; whoever queues entries or events commits them
// first and then wakes only runs marked asleep (clearing the mark). Either the last look sees the new
// rows or the waker sees the mark, so nothing waits for a wake-up that never comes, and a busy run —
// taking entries in as they arrive — is not signalled at all (each signal is history in Temporal).

/** Marks a run's workflow asleep (new entries and events must wake it) or awake. */
export async function markRunSleeping(db: HeraldDb, runId: string, sleeping: boolean): Promise<void> {
  await db.update(runs).set({ sleeping }).where(eq(runs.id, runId));
}

/** Of these runs, those asleep, now marked awake: the ones to signal. */
export async function claimSleepingRuns(
  db: HeraldDb,
  runIds: readonly string[],
): Promise<Array<{ id: string; workspaceId: string; journeyVersionId: string }>> {
  if (runIds.length === 0) return [];
  return db
    .update(runs)
    .set({ sleeping: false })
    .where(and(inArray(runs.id, [...runIds]), eq(runs.sleeping, true)))
    .returning({ id: runs.id, workspaceId: runs.workspaceId, journeyVersionId: runs.journeyVersionId });
}
