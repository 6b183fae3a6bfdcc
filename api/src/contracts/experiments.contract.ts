import { z } from 'zod';
import { winnerMetrics } from '@herald/engine';
import { counts, idParams } from './common.contract';
import { get } from './route.contract';

/** One variant of a send step: its share, and what its sends did over the runs reported. */
export const variantFigures = z.object({
  id: z.string(),
  label: z.string().nullable(),
  share: z.number(),
  ...counts('sent', 'delivered', 'read', 'replied', 'converted'),
});
export type VariantFigures = z.infer<typeof variantFigures>;

/** A run's winner of a step: chosen by a two-proportion z-test against the runner-up. */
export const experimentDecision = z.object({
  runId: z.string(),
  winner: z.string(),
  metric: z.enum(winnerMetrics),
  pValue: z.number().nullable(),
  /** 1 − p (null when the runner-up sent nothing). */
  confidence: z.number().nullable(),
  significant: z.boolean(),
  decidedAt: z.string(),
});
export type ExperimentDecision = z.infer<typeof experimentDecision>;

/** Every send step with variants in the live version, with each variant's figures and the newest decision. */
export const variantReport = z.object({
  steps: z.array(
    z.object({
      nodeId: z.string(),
      /** How a winner is chosen (null: the split stays as drawn). */
      winner: z
        .object({
          metric: z.enum(winnerMetrics),
          afterMinutes: z.number(),
          testPercent: z.number(),
        })
        .nullable(),
      variants: z.array(variantFigures),
      decision: experimentDecision.nullable(),
    }),
  ),
});
export type VariantReport = z.infer<typeof variantReport>;

export const experimentRoutes = {
  /**
   * A journey's send steps with variants: each variant's sends, deliveries, reads, replies and conversions, and its
   * winner.
   */
  journey: get('/api/journeys/:id/variants', variantReport, { params: idParams }),
  /** The same for a broadcast (its one send step). */
  broadcast: get('/api/broadcasts/:id/variants', variantReport, { params: idParams }),
};
