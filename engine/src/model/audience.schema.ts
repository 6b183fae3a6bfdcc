import { z } from 'zod';
import { segmentDefinitionSchema } from './segment.schema';
import { idSchema } from './common.schema';

/** Who a batch send reaches. Resolved in pages by the activities, never as a list in a workflow. */
export const audienceSchema = z.discriminatedUnion('kind', [
  /** Every contact of a channel account (absent: the send node's own account). */
  z.object({ kind: z.literal('all'), channelAccountId: idSchema.optional() }),
  z.object({
    kind: z.literal('tags'),
    mode: z.enum(['all', 'any']),
    tagIds: z.array(idSchema).max(100),
    excludeTagIds: z.array(idSchema).max(100).default([]),
  }),
  z.object({ kind: z.literal('accounts'), channelAccountIds: z.array(idSchema).max(100) }),
  z.object({ kind: z.literal('contacts'), contactIds: z.array(idSchema).max(10_000) }),
  /**
   * A saved segment. Only the id is the marketer's: the server reads the segment's current rule into
   * `rule` whenever the audience is resolved (a page, a count), so an edited segment applies at once.
   */
  z.object({ kind: z.literal('segment'), segmentId: z.string().max(128), rule: segmentDefinitionSchema.optional() }),
  z.object({ kind: z.literal('chat_numbers'), numbers: z.array(z.string().min(1).max(64)).max(100_000) }),
  z.object({
    kind: z.literal('group_chats'),
    groupChatIds: z.array(idSchema).max(10_000),
    allOfOwnerIds: z.array(idSchema).max(1000).default([]),
  }),
  z.object({
    kind: z.literal('select_all'),
    filter: z.object({ search: z.string().max(200).optional(), tagIds: z.array(idSchema).max(100).default([]) }),
    excludeContactIds: z.array(idSchema).max(10_000).default([]),
  }),
]);
export type Audience = z.infer<typeof audienceSchema>;
export type AudienceKind = Audience['kind'];

/** Whether an audience selects nobody by construction (an empty list or no tags). */
export function isEmptyAudience(audience: Audience): boolean {
  switch (audience.kind) {
    case 'tags':
      return audience.tagIds.length === 0;
    case 'accounts':
      return audience.channelAccountIds.length === 0;
    case 'contacts':
      return audience.contactIds.length === 0;
    case 'segment':
      return audience.segmentId === '';
    case 'chat_numbers':
      return audience.numbers.length === 0;
    case 'group_chats':
      return audience.groupChatIds.length === 0 && audience.allOfOwnerIds.length === 0;
    default:
      return false;
  }
}
