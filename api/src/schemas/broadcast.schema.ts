import { z } from 'zod';
import { broadcastStatuses } from '@herald/db';
import { audienceSchema, messageSchema } from '@herald/engine';

/** A broadcast as the list page shows it (also a conversation's scheduled message). */
export const broadcastItem = z.object({
  id: z.string(),
  name: z.string(),
  content: z.string(),
  method: z.string(),
  type: z.string(),
  sendType: z.string(),
  sendAt: z.string().nullable(),
  status: z.enum(broadcastStatuses),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  /** Set for a timed message into one conversation. */
  conversationContactId: z.string().nullable(),
});
export type BroadcastItem = z.infer<typeof broadcastItem>;

/** What an edit of a pending broadcast may change; fields left out keep their value. */
export const broadcastEdit = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    audience: audienceSchema.optional(),
    messages: z.array(messageSchema).min(1).max(10).optional(),
    sendType: z.enum(['immediate', 'timed']).optional(),
    sendAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((edit) => Object.values(edit).some((v) => v !== undefined), {
    message: 'Say what to change: name, audience, messages, sendType or sendAt.',
  });
export type BroadcastEdit = z.infer<typeof broadcastEdit>;
