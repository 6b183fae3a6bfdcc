import type { PublishGate } from './approvals.service';
import type { AppDeps } from '../deps';
import { cannotTransition, notFound } from '../errors/herald-error';
import { broadcastInput, type BroadcastInput } from '../contracts/index';
import { createBroadcast, loadBroadcastRow, prepareBroadcast, publishedContent } from './broadcasts.service';
import { normalizeBroadcast } from './broadcast-recipients.service';
import { republishBroadcast } from './broadcast-release.service';

/**
 * Copies any broadcast as the reference products do: nothing is sent until the user says when. The
 * copy is a draft with the same content (variants and winner included) and audience — a local-time
 * send's keeps its time of day — or, given a send time, pending until then.
 */
export async function copyBroadcast(
  deps: AppDeps,
  workspaceId: string,
  memberId: string | null,
  id: string,
  body: { name?: string | undefined; sendAt?: string | undefined },
  gate?: PublishGate,
): Promise<string> {
  const row = await loadBroadcastRow(deps.db, workspaceId, id);
  const content = await publishedContent(deps.db, row.journeyId);
  if (!content) throw notFound('The content of the broadcast');
  const input = broadcastInputOf(
    body.name ?? `${row.name} (copy)`,
    content,
    body.sendAt
      ? { sendType: 'timed', sendAt: body.sendAt }
      : content.localTime
        ? { sendType: 'local_time', localTime: content.localTime }
        : { sendType: 'immediate' },
  );
  return createBroadcast(deps, workspaceId, memberId, input, undefined, gate, { draft: !body.sendAt });
}

/**
 * Sends a draft (a copy): publishes it now, or at `sendAt` (pending until then). 409 unless it is
 * a draft. Its content is checked again, as at creation.
 */
export async function sendDraft(
  deps: AppDeps,
  workspaceId: string,
  memberId: string | null,
  id: string,
  when: Pick<BroadcastInput, 'sendType' | 'sendAt' | 'localTime'>,
  gate?: PublishGate,
): Promise<void> {
  const row = await loadBroadcastRow(deps.db, workspaceId, id);
  if (row.status !== 'draft') throw cannotTransition(row.status, 'broadcast', 'send');
  const content = await publishedContent(deps.db, row.journeyId);
  if (!content) throw notFound('The draft broadcast');
  const input = normalizeBroadcast(
    broadcastInputOf(row.name, content, { sendType: when.sendType, sendAt: when.sendAt, localTime: when.localTime }),
  );
  const prepared = await prepareBroadcast(deps, workspaceId, input);
  // Held for an admin (the workspace's approval rule), as a new broadcast would be.
  await republishBroadcast(deps, { workspaceId, memberId, gate }, row, input, prepared);
}

/**
 * A broadcast's input from its stored content (its variants and winner included), with a name and a
 * send time; a local-time send keeps the stored time of day unless another is given.
 */
export function broadcastInputOf(
  name: string,
  content: { send: Record<string, unknown>; audience: unknown; localTime?: string },
  when: { sendType: BroadcastInput['sendType']; sendAt?: string | undefined; localTime?: string | undefined },
): BroadcastInput {
  const { send, audience } = content;
  return broadcastInput.parse({
    name,
    channelAccountId: send.channelAccountId,
    method: send.method,
    type: send.type,
    groupName: send.groupName,
    messages: send.messages,
    audience,
    sendType: when.sendType,
    sendAt: when.sendType === 'immediate' ? undefined : when.sendAt,
    localTime: when.sendType === 'local_time' ? (when.localTime ?? content.localTime) : undefined,
    variants: send.variants,
    winner: send.winner,
  });
}
