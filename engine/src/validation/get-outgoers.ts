import type { JourneyEdge } from '../model/journey.schema';

/** Ids of the nodes `nodeId` leads to (any output). */
export function getOutgoers(edges: readonly JourneyEdge[], nodeId: string): string[] {
  return edges.filter((e) => e.source === nodeId).map((e) => e.target);
}
