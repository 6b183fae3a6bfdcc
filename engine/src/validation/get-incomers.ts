import type { JourneyEdge } from '../model/journey.schema';

/** Ids of the nodes with an edge into `nodeId`. */
export function getIncomers(edges: readonly JourneyEdge[], nodeId: string): string[] {
  return edges.filter((e) => e.target === nodeId).map((e) => e.source);
}
