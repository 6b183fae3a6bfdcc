// One store per canvas: React Flow's change handlers plus named domain actions and undo/redo.
import { create } from 'zustand';
import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import {
  validateJourney,
  type JourneyGraph,
  type KnownAccount,
  type JourneyNode,
  type JourneySettings,
  type NodeKind,
  type ValidationIssue,
} from '@herald/engine';
import { defaultData } from './defaults';
import { autoLayout } from './auto-layout';
import { copySelection, pasteClipboard, type Clipboard } from './duplicate-selection';
import { issuesByNode } from './issues-by-node';

export type CanvasNode = Node<Record<string, unknown>, NodeKind>;

export interface CanvasState {
  journeyId: string | null;
  name: string;
  nodes: CanvasNode[];
  edges: Edge[];
  settings: JourneySettings;
  issues: ValidationIssue[];
  /** Error-level issues per node id (stable arrays: a card re-renders only when its own change). */
  issuesByNode: Record<string, ValidationIssue[]>;
  clipboard: Clipboard | null;
  pastes: number;
  past: JourneyGraph[];
  future: JourneyGraph[];
  dirty: boolean;
  /** The workspace's accounts: once known, the steps' accounts are checked too (kind, disabled). */
  accounts: Readonly<Record<string, KnownAccount>> | null;
  setAccounts(accounts: Readonly<Record<string, KnownAccount>>): void;
  setName(name: string): void;
  load(journeyId: string | null, name: string, graph: JourneyGraph): void;
  onNodesChange(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  onConnect(connection: Connection): void;
  addNode(kind: NodeKind, position?: { x: number; y: number }): string;
  updateNodeData(nodeId: string, patch: Record<string, unknown>): void;
  /** Replaces a node's data (a change of mode in a discriminated kind: split, schedule, wait until). */
  replaceNodeData(nodeId: string, data: Record<string, unknown>): void;
  setSettings(settings: JourneySettings): void;
  deleteSelection(): void;
  copy(): number;
  paste(): number;
  layout(): void;
  undo(): void;
  redo(): void;
  graph(): JourneyGraph;
  markSaved(): void;
}

/** The canvas as the engine's graph (the shape the API stores and validates). */
export const toGraph = (nodes: CanvasNode[], edges: Edge[], settings: JourneySettings): JourneyGraph => ({
  nodes: nodes.map(
    (n) =>
      ({
        id: n.id,
        kind: n.type!,
        position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
        data: n.data,
      }) as JourneyNode,
  ),
  edges: edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    ...(e.sourceHandle && e.sourceHandle !== 'out' ? { sourceHandle: e.sourceHandle } : {}),
  })),
  settings,
});

const fromGraph = (graph: JourneyGraph) => ({
  // The card's usual size, so React Flow can place (and cull) a card before measuring it.
  nodes: graph.nodes.map((n) => ({
    id: n.id,
    type: n.kind,
    position: n.position,
    data: n.data as CanvasNode['data'],
    initialWidth: 220,
    initialHeight: 72,
  })),
  edges: graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    sourceHandle: e.sourceHandle ?? 'out',
  })),
});

let counter = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}${counter++}`;

/** Creates the store of one canvas. */
export const useCanvas = create<CanvasState>((set, get) => {
  // Validation runs once per change of the graph (never per render), with the engine's code.
  const check = (graph: JourneyGraph) => {
    const accounts = get().accounts;
    const issues = validateJourney(graph, { now: new Date(), ...(accounts ? { accounts } : {}) });
    return { issues, issuesByNode: issuesByNode(issues, get().issuesByNode) };
  };
  // Undo/redo keep the measured size (no hide and re-measure) and the selection of nodes that stay.
  const restore = (graph: JourneyGraph) => {
    const current = new Map(get().nodes.map((n) => [n.id, n]));
    const { nodes, edges } = fromGraph(graph);
    return {
      nodes: nodes.map((n) => {
        const was = current.get(n.id);
        return was ? { ...n, measured: was.measured, selected: was.selected } : n;
      }),
      edges,
    };
  };
  const commit = (change: Partial<CanvasState>, record = true) => {
    const before = get().graph();
    const next = { ...get(), ...change };
    const graph = toGraph(next.nodes, next.edges, next.settings);
    set({
      ...change,
      ...check(graph),
      dirty: true,
      ...(record ? { past: [...get().past.slice(-49), before], future: [] } : {}),
    });
  };
  return {
    journeyId: null,
    name: '',
    nodes: [],
    edges: [],
    settings: { reentry: { mode: 'never' } },
    issues: [],
    issuesByNode: {},
    accounts: null,
    setAccounts: (accounts) => {
      set({ accounts });
      set(check(get().graph()));
    },
    setName: (name) => set({ name }),
    clipboard: null,
    pastes: 0,
    past: [],
    future: [],
    dirty: false,
    load: (journeyId, name, graph) =>
      set({
        journeyId,
        name,
        ...fromGraph(graph),
        settings: graph.settings,
        ...check(graph),
        past: [],
        future: [],
        dirty: false,
      }),
    onNodesChange: (changes) => {
      const structural = changes.some((c) => c.type === 'remove' || (c.type === 'position' && c.dragging === false));
      const nodes = applyNodeChanges(changes, get().nodes);
      if (structural) commit({ nodes });
      else set({ nodes });
    },
    onEdgesChange: (changes) => {
      const edges = applyEdgeChanges(changes, get().edges);
      if (changes.some((c) => c.type === 'remove')) commit({ edges });
      else set({ edges });
    },
    onConnect: (connection) =>
      commit({
        edges: addEdge({ ...connection, id: newId('e'), sourceHandle: connection.sourceHandle ?? 'out' }, get().edges),
      }),
    addNode: (kind, position) => {
      const id = newId(kind);
      const y = Math.max(0, ...get().nodes.map((n) => n.position.y + 140));
      commit({
        nodes: [
          ...get().nodes.map((n) => ({ ...n, selected: false })),
          {
            id,
            type: kind,
            position: position ?? { x: 80, y: get().nodes.length ? y : 40 },
            data: defaultData(kind) as CanvasNode['data'],
            selected: true,
          },
        ],
      });
      return id;
    },
    updateNodeData: (nodeId, patch) =>
      commit({ nodes: get().nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, ...patch } } : n)) }),
    replaceNodeData: (nodeId, data) =>
      commit({ nodes: get().nodes.map((n) => (n.id === nodeId ? { ...n, data } : n)) }),
    setSettings: (settings) => commit({ settings }),
    deleteSelection: () => {
      const gone = new Set(
        get()
          .nodes.filter((n) => n.selected)
          .map((n) => n.id),
      );
      commit({
        nodes: get().nodes.filter((n) => !gone.has(n.id)),
        edges: get().edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target)),
      });
    },
    copy: () => {
      const clipboard = copySelection(get().nodes, get().edges);
      if (clipboard.nodes.length > 0) set({ clipboard, pastes: 0 });
      return clipboard.nodes.length;
    },
    paste: () => {
      const { clipboard, pastes } = get();
      if (!clipboard || clipboard.nodes.length === 0) return 0;
      const copies = pasteClipboard(clipboard, newId, 40 * (pastes + 1));
      set({ pastes: pastes + 1 });
      commit({
        nodes: [...get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...copies.nodes],
        edges: [...get().edges, ...copies.edges],
      });
      return copies.nodes.length;
    },
    layout: () => {
      const positions = autoLayout(get().nodes, get().edges);
      commit({ nodes: get().nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) });
    },
    undo: () => {
      const past = get().past;
      const previous = past[past.length - 1];
      if (!previous) return;
      const now = get().graph();
      set({
        ...restore(previous),
        settings: previous.settings,
        ...check(previous),
        past: past.slice(0, -1),
        future: [now, ...get().future],
        dirty: true,
      });
    },
    redo: () => {
      const [next, ...rest] = get().future;
      if (!next) return;
      set({
        ...restore(next),
        settings: next.settings,
        ...check(next),
        past: [...get().past, get().graph()],
        future: rest,
        dirty: true,
      });
    },
    graph: () => toGraph(get().nodes, get().edges, get().settings),
    markSaved: () => set({ dirty: false }),
  };
});
