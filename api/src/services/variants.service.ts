import { journeyVariants, publishedGraphOf, type HeraldDb } from '@herald/db';
import { durationMs, type JourneyGraph, type SendData, type WinnerMetric } from '@herald/engine';
import type { VariantReport } from '../contracts/index';

/**
 * The send steps with variants of a journey's live version, each variant with its figures summed over
 * the journey's runs (a broadcast has one) and the step's newest decision.
 */
export async function variantReportOf(db: HeraldDb, journeyId: string): Promise<VariantReport> {
  const graph = (await publishedGraphOf(db, { journeyId })) as JourneyGraph | undefined;
  const steps = (graph?.nodes ?? []).filter(
    (n): n is Extract<JourneyGraph['nodes'][number], { kind: 'send' }> =>
      n.kind === 'send' && ((n.data as SendData).variants?.length ?? 0) > 1,
  );
  if (steps.length === 0) return { steps: [] };
  const { stats, decisions } = await journeyVariants(db, journeyId);
  return {
    steps: steps.map((node) => {
      const { variants = [], winner } = node.data;
      const decision = decisions.filter((d) => d.nodeId === node.id).at(-1);
      return {
        nodeId: node.id,
        winner: winner
          ? { metric: winner.metric, afterMinutes: durationMs(winner.after) / 60_000, testPercent: winner.testPercent }
          : null,
        variants: variants.map((v) => {
          const s = stats.find((r) => r.nodeId === node.id && r.variant === v.id);
          return {
            id: v.id,
            label: v.label ?? null,
            share: v.share,
            sent: s?.sent ?? 0,
            delivered: s?.delivered ?? 0,
            read: s?.read ?? 0,
            replied: s?.replied ?? 0,
            converted: s?.converted ?? 0,
          };
        }),
        decision: decision
          ? {
              runId: decision.runId,
              winner: decision.winner,
              metric: decision.metric as WinnerMetric,
              pValue: decision.pValue,
              confidence: decision.confidence,
              significant: decision.significant,
              decidedAt: decision.decidedAt,
            }
          : null,
      };
    }),
  };
}
