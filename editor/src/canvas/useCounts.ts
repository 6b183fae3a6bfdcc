import { create } from 'zustand';
import type { NodeCounts, VariantReport } from '@herald/api/contracts';

type VariantStep = VariantReport['steps'][number];

/** Per-node counts of the running version (and its send steps' variants), refreshed while the journey runs. */
export const useCounts = create<{
  counts: Record<string, NodeCounts>;
  variants: Record<string, VariantStep>;
  set(counts: Record<string, NodeCounts>): void;
  setVariants(steps: readonly VariantStep[]): void;
}>((set) => ({
  counts: {},
  variants: {},
  set: (counts) => set({ counts }),
  setVariants: (steps) => set({ variants: Object.fromEntries(steps.map((s) => [s.nodeId, s])) }),
}));
