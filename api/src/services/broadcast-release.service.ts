import { summarizeMessages, type JourneyGraph } from '@herald/engine';
import type { AppDeps } from '../deps';
import type { BroadcastInput } from '../contracts/index';
import type { PublishGate } from './approvals.service';
import { ensureRecipients } from './broadcast-recipients.service';
import { publishJourney } from './publish.service';

/** What a broadcast stores of its content: from its input, and the graph and send time prepared from it. */
export function storedContent(input: BroadcastInput, prepared: { graph: JourneyGraph; sendAt: Date | undefined }) {
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
