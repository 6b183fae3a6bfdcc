import { z } from 'zod';
import { triggerKinds } from '../model/node-kinds';
import { journeySettingsSchema } from '../model/journey.schema';

/** The plan format this engine writes and interprets. Bump it when the shape changes. */
export const PLAN_SCHEMA_VERSION = 1;

/** A node of the plan: what it does and where each of its outputs leads (null = the journey ends). */
export const planNodeSchema = z.object({
  id: z.string(),
  kind: z.string(),
  data: z.unknown(),
  next: z.record(z.string(), z.string().nullable()),
});

/** A compiled, immutable, JSON-serialisable journey version. No positions, no editor data. */
export const planSchema = z.object({
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  journeyId: z.string(),
  version: z.number().int().positive(),
  mode: z.enum(['realtime', 'batch']),
  /** The trigger's kind and settings (who enters), without canvas data. */
  trigger: z.object({ id: z.string(), kind: z.enum(triggerKinds), data: z.unknown() }),
  /** The first step after the trigger (null: the journey does nothing). */
  entry: z.string().nullable(),
  nodes: z.record(z.string(), planNodeSchema),
  settings: journeySettingsSchema,
});
export type Plan = z.infer<typeof planSchema>;
export type PlanNode = z.infer<typeof planNodeSchema>;
