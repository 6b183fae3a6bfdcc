import { z } from 'zod';
import { messageSchema, methodIds } from '@herald/engine';
import { post } from './route.contract';

/** What a test send answers: whom it went to and what became of it, in words. */
export const testSendResult = z.object({
  status: z.enum(['sent', 'failed', 'skipped']),
  contact: z.string(),
  recipient: z.string().nullable(),
  /** Why it failed or was skipped (empty when sent). */
  problem: z.string(),
});
export type TestSendResult = z.infer<typeof testSendResult>;

/** /api/test-sends: a step's or broadcast's messages, as composed, to one contact. */
export const testSendRoutes = {
  send: post('/api/test-sends', testSendResult, {
    body: z.object({
      channelAccountId: z.uuid(),
      method: z.enum(methodIds),
      messages: z.array(messageSchema).min(1).max(10),
      groupName: z.string().max(100).optional(),
      /** The test contact; absent: the member's own (the contact whose email is the member's). */
      contactId: z.uuid().optional(),
      /** The journey (or broadcast's journey) and step it tests, recorded with it. */
      journeyId: z.uuid().optional(),
      nodeId: z.string().max(128).optional(),
    }),
  }),
};
