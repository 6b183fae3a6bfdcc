import { create } from 'zustand';
import type { NodeCounts } from '@herald/api/contracts';

/** Per-node counts of the running version, refreshed while the journey runs. */
export const useCounts = create<{ counts: Record<string, NodeCounts>; set(counts: Record<string, NodeCounts>): void }>(
  (set) => ({
    counts: {},
    set: (counts) => set({ counts }),
  }),
);
