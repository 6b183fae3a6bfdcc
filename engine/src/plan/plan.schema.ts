import { z } from 'zod';
import { nodeDataSchemas } from '../model/node.schema';
import { journeySettingsSchema } from '../model/journey.schema';

/** The plan format this engine writes and interprets. Bump it when the shape changes. */
export const PLAN_SCHEMA_VERSION = 1;

/** Where each output of a node leads: the next node's id, or null when the journey ends there. */
const nextSchema = z.record(z.string(), z.string().nullable());

const planNodeOf = <K extends keyof typeof nodeDataSchemas>(kind: K) =>
  z.object({ id: z.string(), kind: z.literal(kind), data: nodeDataSchemas[kind], next: nextSchema });
const triggerOf = <K extends keyof typeof nodeDataSchemas>(kind: K) =>
  z.object({ id: z.string(), kind: z.literal(kind), data: nodeDataSchemas[kind] });

/**
 * A step of the plan: its kind, its settings (the same schemas the canvas validates, so a stored
 * plan is checked again when it is read) and where each of its outputs leads.
 */
export const planNodeSchema = z.discriminatedUnion('kind', [
  planNodeOf('wait'),
  planNodeOf('wait_until'),
  planNodeOf('wait_for_event'),
  planNodeOf('split'),
  planNodeOf('random_split'),
  planNodeOf('exit'),
  planNodeOf('send'),
  planNodeOf('tag'),
  planNodeOf('update_contact'),
  planNodeOf('webhook'),
]);

/** The trigger of a plan: who enters, without canvas data. */
export const planTriggerSchema = z.discriminatedUnion('kind', [
  triggerOf('follow'),
  triggerOf('form_submit'),
  triggerOf('event'),
  triggerOf('segment'),
  triggerOf('schedule'),
  triggerOf('audience'),
]);

/** A compiled, immutable, JSON-serialisable journey version. No positions, no editor data. */
export const planSchema = z.object({
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  journeyId: z.string(),
  version: z.number().int().positive(),
  /** realtime: contacts enter one by one (interpreter workflow); batch: an audience at once (broadcast workflow). */
  mode: z.enum(['realtime', 'batch']),
  trigger: planTriggerSchema,
  /** The first step after the trigger (null: the journey does nothing). */
  entry: z.string().nullable(),
  nodes: z.record(z.string(), planNodeSchema),
  settings: journeySettingsSchema,
});
export type Plan = z.infer<typeof planSchema>;
export type PlanNode = z.infer<typeof planNodeSchema>;
export type PlanTrigger = z.infer<typeof planTriggerSchema>;
