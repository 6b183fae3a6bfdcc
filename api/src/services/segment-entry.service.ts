import { enteringSegment, segmentOf, type EntryCandidate, type HeraldDb, type PendingEvent } from '@herald/db';
import { segmentEntryEvents, type Plan } from '@herald/engine';

/**
 * The entries an "enters the segment" trigger takes from a batch of events: each event the segment's
 * rule counts (a "did" condition's event) is judged for its contact — in the segment counting the
 * events up to and including it, at its time, and not without it — in one statement for the batch.
 * The rule is read as it is now, so an edited segment applies to the next batch. A segment deleted
 * since publishing takes no one.
 */
export async function segmentEntries(
  tx: HeraldDb,
  workspaceId: string,
  plan: Plan,
  events: readonly PendingEvent[],
): Promise<EntryCandidate[]> {
  const segmentId = (plan.trigger.data as { segmentId: string }).segmentId;
  const segment = await segmentOf(tx, { workspaceId, id: segmentId });
  if (!segment) return [];
  const counted = new Set(segmentEntryEvents(segment.definition));
  const arriving = events.filter((e) => e.contactId && counted.has(e.type));
  if (arriving.length === 0) return [];
  const entering = await enteringSegment(
    tx,
    segment.definition,
    arriving.map((e) => ({ contactId: e.contactId!, eventSeq: e.id, at: e.occurredAt })),
  );
  return arriving
    .filter((e) => entering.has(e.id))
    .map((e) => ({ contactId: e.contactId!, eventId: e.externalId, seq: e.id }));
}
