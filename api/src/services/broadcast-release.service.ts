import { updateBroadcastContent } from '@herald/db';
import { summarizeMessages, type JourneyGraph } from '@herald/engine';
import type { AppDeps } from '../deps';
import type { BroadcastInput } from '../contracts/index';
import type { PublishGate } from './approvals.service';
import { ensureRecipients } from './broadcast-recipients.service';
import { publishJourney } from './publish.service';

/** A broadcast's graph and send time, as prepared from its input for publishing. */
type Prepared = { graph: JourneyGraph; sendAt: Date | undefined };

/** What a broadcast stores of its content: from its input, and the graph and send time prepared from it. */
export function storedContent(input: BroadcastInput, prepared: Prepared) {
  return {
    name: input.name,
    graph: prepared.graph,
    contentSummary: summarizeMessages(input.messages),
    sendType: input.sendType,
    sendAt: prepared.sendAt ?? null,
    localTime: input.sendType === 'local_time' ? (input.localTime ?? null) : null,
  };
}

/**
 * Records a stored broadcast's recipients and publishes it (at its send time, when it has one) —
 * unless the workspace's approval rule holds it for an admin: then nothing starts until it is approved.
 */
export async function releaseBroadcast(
  deps: AppDeps,
  workspaceId: string,
  memberId: string | null,
  ids: { journeyId: string; broadcastId: string },
  input: BroadcastInput,
  sendAt: Date | undefined,
  gate?: PublishGate,
): Promise<void> {
  await ensureRecipients(deps, workspaceId, input);
  if (await gate?.holdBroadcast(input, ids)) return;
  await publishJourney(deps, workspaceId, ids.journeyId, memberId, {
    broadcastId: ids.broadcastId,
    ...(sendAt ? { sendAt } : {}),
  });
}

/**
 * Stores a broadcast's changed content, pending again, and releases it as `releaseBroadcast` does, for a
 * member of the workspace (their approval rule as `gate`).
 */
export async function republishBroadcast(
  deps: AppDeps,
  by: { workspaceId: string; memberId: string | null; gate?: PublishGate | undefined },
  broadcast: { id: string; journeyId: string },
  input: BroadcastInput,
  prepared: Prepared,
): Promise<void> {
  const { workspaceId, memberId, gate } = by;
  const { id, journeyId } = broadcast;
  await updateBroadcastContent(deps.db, { id, journeyId, ...storedContent(input, prepared), memberId });
  await releaseBroadcast(deps, workspaceId, memberId, { journeyId, broadcastId: id }, input, prepared.sendAt, gate);
}
