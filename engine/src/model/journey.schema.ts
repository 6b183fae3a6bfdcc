import { z } from 'zod';
import { idSchema, timeOfDaySchema } from './common.schema';
import { journeyNodeSchema } from './node.schema';

export const edgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  /** The source node's output; absent means its only output ('out'). */
  sourceHandle: z.string().max(128).nullish(),
  target: idSchema,
});
export type JourneyEdge = z.infer<typeof edgeSchema>;

export const journeySettingsSchema = z.object({
  reentry: z
    .discriminatedUnion('mode', [
      z.object({ mode: z.literal('never') }),
      z.object({ mode: z.literal('after'), days: z.number().int().positive().max(3650) }),
      z.object({ mode: z.literal('always') }),
    ])
    .default({ mode: 'never' }),
  quietHours: z.object({ start: timeOfDaySchema, end: timeOfDaySchema, timezone: z.string().min(1) }).optional(),
  frequencyCap: z.object({ limit: z.number().int().positive(), period: z.enum(['day', 'week', 'month']) }).optional(),
  /** A contact who sends this event leaves the journey early, and counts as converted. */
  goalEvent: z.string().min(1).max(128).optional(),
  /**
   * How long after entering (or, in a broadcast, after its message) a goal event still counts as this
   * journey's conversion, in days (7 when not set).
   */
  attributionDays: z.number().int().min(1).max(90).optional(),
  /**
   * A share of entering contacts kept out (recorded, never messaged), so a conversion's lift can be
   * measured against them: 0–50 %, stable per contact and journey.
   */
  holdoutPercent: z.number().min(0).max(50).optional(),
});
export type JourneySettings = z.infer<typeof journeySettingsSchema>;

/** A journey as drawn: nodes and edges keyed by stable ids, plus its settings. */
export const journeyGraphSchema = z.object({
  nodes: z.array(journeyNodeSchema).max(2000),
  edges: z.array(edgeSchema).max(5000),
  settings: journeySettingsSchema.default({ reentry: { mode: 'never' } }),
});
export type JourneyGraph = z.infer<typeof journeyGraphSchema>;
export type JourneyGraphInput = z.input<typeof journeyGraphSchema>;

/** An empty draft. */
export const emptyGraph = (): JourneyGraph => ({ nodes: [], edges: [], settings: { reentry: { mode: 'never' } } });

/** The attribution window of a journey's goal, in days (the settings' own, else 7). */
export const attributionDaysOf = (settings: JourneySettings): number => settings.attributionDays ?? 7;
