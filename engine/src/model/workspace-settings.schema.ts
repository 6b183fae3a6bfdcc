import { z } from 'zod';

/** A frequency cap as the marketer sets it: at most `limit` messages to one contact per calendar day, week or month. */
export const frequencyCapSchema = z.object({
  limit: z.number().int().min(1).max(1000),
  window: z.enum(['day', 'week', 'month']),
});

/**
 * Workspace-wide settings the marketer sets. `frequencyCap` (null: none) counts every message
 * to a contact on any channel, from broadcasts and journeys alike (webhooks excepted).
 */
export const workspaceSettingsSchema = z.object({
  frequencyCap: frequencyCapSchema.nullable().default(null),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;
