import { z } from 'zod';
import { broadcastStatuses } from '@herald/db/enums';
import { messageSchema, methodIds } from '@herald/engine';
import { broadcastItem, deliveryState } from './broadcasts.contract';
import { idParams, itemsOf } from './common.contract';
import { create, get } from './route.contract';

export const timelineEvent = z.object({
  kind: z.literal('event'),
  id: z.string(),
  at: z.string(),
  type: z.string(),
  /** Where it came from: `api`, `wechat:<account id>`, `form:<form id>`… */
  source: z.string(),
  properties: z.record(z.string(), z.unknown()),
});
export const timelineMessage = z.object({
  kind: z.literal('message'),
  id: z.string(),
  at: z.string(),
  method: z.string(),
  ...deliveryState,
  recipient: z.string().nullable(),
  /** The broadcast's or journey's name. */
  title: z.string(),
  /** The broadcast's content summary, when it was a broadcast. */
  content: z.string().nullable(),
  broadcastId: z.string().nullable(),
  journeyId: z.string().nullable(),
});
export const timelineItem = z.discriminatedUnion('kind', [timelineEvent, timelineMessage]);
export type TimelineItem = z.infer<typeof timelineItem>;

/** `{microseconds since epoch}:{event|message}:{id}` of the last item of the previous page. */
export const timelineCursor = z
  .string()
  .regex(/^\d{1,20}:(event|message):\d{1,20}$/, 'Use the nextCursor of the previous page.');

export const timelineRoutes = {
  timeline: get('/api/contacts/:id/timeline', itemsOf(timelineItem).extend({ nextCursor: z.string().nullable() }), {
    params: idParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: timelineCursor.optional(),
    }),
  }),
  /** A timed message into one conversation: a broadcast to that contact alone, listed with the broadcasts. */
  scheduleMessage: create('/api/conversations/:contactId/scheduled-messages', broadcastItem, {
    params: z.object({ contactId: z.uuid() }),
    body: z.object({
      /** Shown in the broadcast list; default "Message to {contact name}". */
      name: z.string().trim().min(1).max(200).optional(),
      channelAccountId: z.uuid(),
      method: z.enum(methodIds),
      messages: z.array(messageSchema).min(1).max(10),
      /** At least 5 minutes ahead (else 422 HERALD_ERR_SEND_TIME_TOO_SOON). */
      sendAt: z.iso.datetime({ offset: true }),
    }),
  }),
  scheduledMessages: get('/api/conversations/:contactId/scheduled-messages', itemsOf(broadcastItem), {
    params: z.object({ contactId: z.uuid() }),
    query: z.object({ status: z.enum(broadcastStatuses).optional() }),
  }),
};
