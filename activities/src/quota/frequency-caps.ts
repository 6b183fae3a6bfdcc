import { capabilityOf, frequencyCapPolicy, type MethodId, type WorkspaceSettings } from '@herald/engine';
import type { ContactRule } from '@herald/db';

/** Webhooks are not messages to a person: the marketer's caps and quiet hours do not apply to them. */
export const isMessageToPerson = (method: MethodId): boolean => !capabilityOf(method).channels.includes('webhook');

/**
 * The marketer's frequency caps that apply to a send, as per-contact rules: the workspace's
 * (settings, every channel) and the journey's own (that journey's sends only). Group chats are not
 * contacts and count against neither.
 */
export function frequencyCapsFor(
  settings: WorkspaceSettings,
  send: {
    method: MethodId;
    type?: string;
    journey?:
      { id: string; frequencyCap?: { limit: number; period: 'day' | 'week' | 'month' } | undefined } | undefined;
  },
): ContactRule[] {
  if (!isMessageToPerson(send.method) || send.type === 'group_chats') return [];
  const caps: ContactRule[] = [];
  if (settings.frequencyCap)
    caps.push({
      policy: frequencyCapPolicy('workspace_frequency_cap', settings.frequencyCap, 'Workspace frequency cap'),
      scope: 'contact',
    });
  const own = send.journey?.frequencyCap;
  if (own)
    caps.push({
      policy: frequencyCapPolicy(
        `journey_frequency_cap:${send.journey!.id}`,
        { limit: own.limit, window: own.period },
        'Journey frequency cap',
      ),
      scope: 'contact',
      journeyId: send.journey!.id,
    });
  return caps;
}
