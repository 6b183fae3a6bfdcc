import type { JourneyEdge } from '../model/journey.schema';

/** Adjacency list source → targets, built once so traversals stay linear on large journeys. */
export function adjacency(edges: readonly JourneyEdge[]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const targets = next.get(edge.source);
    if (targets) targets.push(edge.target);
    else next.set(edge.source, [edge.target]);
  }
  return next;
}
