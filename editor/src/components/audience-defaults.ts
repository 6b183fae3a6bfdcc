import type { Audience, AudienceKind } from '@herald/engine';

/** An empty audience of a kind. */
export function emptyAudience(kind: AudienceKind): Audience {
  switch (kind) {
    case 'all':
      return { kind: 'all' };
    case 'tags':
      return { kind: 'tags', mode: 'any', tagIds: [], excludeTagIds: [] };
    case 'accounts':
      return { kind: 'accounts', channelAccountIds: [] };
    case 'contacts':
      return { kind: 'contacts', contactIds: [] };
    case 'select_all':
      return { kind: 'select_all', filter: { tagIds: [] }, excludeContactIds: [] };
    case 'segment':
      return { kind: 'segment', segmentId: '' };
    case 'chat_numbers':
      return { kind: 'chat_numbers', numbers: [] };
    case 'group_chats':
      return { kind: 'group_chats', groupChatIds: [], allOfOwnerIds: [] };
  }
}
