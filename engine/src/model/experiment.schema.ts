import { z } from 'zod';
import { durationSchema, idSchema } from './common.schema';
import { messageSchema } from './message.schema';

/**
 * One variant of a send step (A/B/n). The first variant is the step's own messages (the control);
 * the others carry theirs. `share` is the percentage of the step's contacts that get it.
 */
export const variantSchema = z.object({
  id: idSchema,
  label: z.string().max(100).optional(),
  share: z.number().finite().min(0).max(100),
  /** Absent on the first variant: it sends the step's own messages. */
  messages: z.array(messageSchema).max(10).optional(),
});
export type Variant = z.infer<typeof variantSchema>;

/** What a winner is chosen by: the share of a variant's sends delivered, read, replied to, or converted. */
export const winnerMetrics = ['delivered', 'read', 'replied', 'converted'] as const;
export type WinnerMetric = (typeof winnerMetrics)[number];

/**
 * An automatic winner (a batch run's first send only): `testPercent` of the audience gets the
 * variants by their shares, the run waits `after`, a two-proportion z-test picks the variant with
 * the best rate of `metric`, and the rest of the audience gets the winner.
 */
export const winnerSchema = z.object({
  metric: z.enum(winnerMetrics),
  after: durationSchema,
  testPercent: z.number().finite().min(1).max(100),
});
export type Winner = z.infer<typeof winnerSchema>;

/** Variants of a send step: its messages, or a variant's, by id (undefined: not one of its variants). */
export function messagesOfVariant<M>(
  send: { messages: M[]; variants?: Array<{ id: string; messages?: M[] | undefined }> | undefined },
  variantId: string | null,
): M[] {
  if (variantId === null || !send.variants) return send.messages;
  return send.variants.find((v) => v.id === variantId)?.messages ?? send.messages;
}
