import type { Edge } from '@xyflow/react';
import type { CanvasNode } from './store';

/** What Ctrl/Cmd+C keeps: the selected nodes and the edges between them. */
export interface Clipboard {
  nodes: CanvasNode[];
  edges: Edge[];
}

/** The selected nodes and only the edges whose both ends are selected. */
export function copySelection(nodes: readonly CanvasNode[], edges: readonly Edge[]): Clipboard {
  const picked = nodes.filter((n) => n.selected);
  const ids = new Set(picked.map((n) => n.id));
  return {
    nodes: picked.map((n) => structuredClone({ id: n.id, type: n.type, position: n.position, data: n.data })),
    edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ ...e, selected: false })),
  };
}

/** Copies of the clipboard with new ids, shifted by `offset`, edges rewired to the copies; the copies come selected. */
export function pasteClipboard(clip: Clipboard, newId: (prefix: string) => string, offset: number): Clipboard {
  const ids = new Map(clip.nodes.map((n) => [n.id, newId(n.type ?? 'node')]));
  return {
    nodes: clip.nodes.map((n) => ({
      ...structuredClone(n),
      id: ids.get(n.id)!,
      position: { x: n.position.x + offset, y: n.position.y + offset },
      selected: true,
    })),
    edges: clip.edges.map((e) => ({
      ...e,
      id: newId('e'),
      source: ids.get(e.source)!,
      target: ids.get(e.target)!,
      selected: false,
    })),
  };
}
