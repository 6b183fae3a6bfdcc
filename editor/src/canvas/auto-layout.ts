// Layered top-to-bottom layout of the canvas (dagre: ranks follow the edges, so a journey reads downwards).
import { Graph, layout } from '@dagrejs/dagre';
import type { Edge } from '@xyflow/react';
import type { CanvasNode } from './store';

const fallback = { width: 220, height: 80 };

/** New positions for every node: layered by the edges, no two nodes overlapping. */
export function autoLayout(
  nodes: readonly CanvasNode[],
  edges: readonly Edge[],
): Map<string, { x: number; y: number }> {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 70, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  const size = (n: CanvasNode) => ({
    width: n.measured?.width ?? n.width ?? fallback.width,
    height: n.measured?.height ?? n.height ?? fallback.height,
  });
  for (const n of nodes) graph.setNode(n.id, size(n));
  for (const e of edges)
    if (graph.hasNode(e.source) && graph.hasNode(e.target)) graph.setEdge(e.source, e.target, {}, e.id);
  layout(graph);
  // dagre gives centres; React Flow positions are top-left corners.
  return new Map(
    nodes.map((n) => {
      const placed = graph.node(n.id);
      const { width, height } = size(n);
      return [n.id, { x: Math.round(placed.x - width / 2), y: Math.round(placed.y - height / 2) }];
    }),
  );
}
