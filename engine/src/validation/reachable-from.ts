import type { JourneyEdge } from '../model/journey.schema';
import { adjacency } from './adjacency';

/** Every node id reachable from `start` (inclusive), following edges. */
export function reachableFrom(edges: readonly JourneyEdge[], start: string): Set<string> {
  const next = adjacency(edges);
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const target of next.get(stack.pop()!) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return seen;
}
