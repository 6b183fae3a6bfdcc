import { boolean, doublePrecision, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { at } from './columns';
import { atRunStep } from './journeys';

/**
 * One variant's figures at the decision: sends that went out (or were handed to the owning employees)
 * and how many reached the metric.
 */
export interface VariantFigure {
  variant: string;
  sent: number;
  reached: number;
}

/**
 * The winner of a send step's experiment in one run, chosen once after its wait: the variant with
 * the best rate of the metric, the two-proportion z-test of it against the runner-up (its p-value,
 * and 1 − p as the confidence shown), and every variant's figures as they stood. Written once per
 * (run, step): a retried decision finds it and keeps it.
 */
export const experimentDecisions = pgTable(
  'experiment_decisions',
  {
    ...atRunStep(),
    winner: text('winner').notNull(),
    metric: text('metric').notNull(),
    pValue: doublePrecision('p_value'),
    confidence: doublePrecision('confidence'),
    /** Whether the winner beat the runner-up at 95% (p < 0.05); otherwise the best rate won without proof. */
    significant: boolean('significant').notNull(),
    figures: jsonb('figures').$type<VariantFigure[]>().notNull(),
    decidedAt: at('decided_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.nodeId] })],
);
