import type { JourneyEdge } from '../model/journey.schema';

/** The edges leaving a node, by output handle ('out' when the edge names none). */
export function getOutgoingEdges(edges: readonly JourneyEdge[], nodeId: string): Map<string, JourneyEdge[]> {
  const byHandle = new Map<string, JourneyEdge[]>();
  for (const edge of edges) {
    if (edge.source !== nodeId) continue;
    const handle = edge.sourceHandle ?? 'out';
    byHandle.set(handle, [...(byHandle.get(handle) ?? []), edge]);
  }
  return byHandle;
}
