import type { Audience, Message, MethodId } from '@herald/engine';
import { broadcastRoutes, type BroadcastDetail } from '@herald/api/contracts';
import { call } from '../../api/client';
import type { VariantsValue } from '../../components/VariantsEditor';

/** What the new-broadcast form holds when it is sent. */
export interface BroadcastDraft {
  name: string;
  accountId: string;
  method: MethodId;
  type: 'contacts' | 'group_chats';
  messages: Message[];
  audience: Audience;
  /** The group name employees give the chat; null when the method needs none. */
  groupName: string | null;
  /** A send at this local datetime-input time; null: now, or at `localTime`. */
  sendAt: string | null;
  /** HH:MM in each contact's zone (null: not a local-time send). */
  localTime: string | null;
  experiment: VariantsValue;
}

/** When the broadcast goes out, as the API takes it. */
const whenOf = ({ sendAt, localTime }: BroadcastDraft) => ({
  sendType:
    sendAt !== null ? ('timed' as const) : localTime !== null ? ('local_time' as const) : ('immediate' as const),
  ...(sendAt !== null ? { sendAt: new Date(sendAt).toISOString() } : {}),
  ...(localTime !== null ? { localTime } : {}),
});

/**
 * Creates the broadcast, or saves the changes to `editing` (its account, method and type stay; a draft
 * goes out once saved: now, or pending until its time). Answers the broadcast's id.
 */
export async function saveBroadcast(draft: BroadcastDraft, editing?: BroadcastDetail): Promise<string> {
  const { name, audience, messages, experiment } = draft;
  const when = whenOf(draft);
  if (editing) {
    await call(broadcastRoutes.edit, {
      params: { id: editing.id },
      body: {
        name,
        audience,
        messages,
        ...when,
        variants: experiment.variants ?? null,
        winner: experiment.winner ?? null,
      },
    });
    if (editing.status === 'draft') await call(broadcastRoutes.send, { params: { id: editing.id }, body: when });
    return editing.id;
  }
  const created = await call(broadcastRoutes.create, {
    body: {
      name,
      channelAccountId: draft.accountId,
      method: draft.method,
      type: draft.type,
      messages,
      audience,
      ...(draft.groupName !== null ? { groupName: draft.groupName } : {}),
      ...when,
      ...(experiment.variants ? { variants: experiment.variants } : {}),
      ...(experiment.winner ? { winner: experiment.winner } : {}),
    },
  });
  return created.id;
}
