import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type FitViewOptions,
} from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import {
  actionKinds,
  canConnect,
  flowKinds,
  hasErrors,
  nodeKindLabels,
  triggerKinds,
  type NodeKind,
} from '@herald/engine';
import { api, issuesOf, type Account, type JourneyRecord, type JourneyVersion } from '../api/client';
import { errorText } from '../api/error-text';
import { JourneyNodeCard } from './JourneyNodeCard';
import { Inspector } from './Inspector';
import { IssuesPanel } from './IssuesPanel';
import { VersionList } from './VersionList';
import { useCanvas } from './store';
import { useCanvasKeys } from './useCanvasKeys';
import { useCounts } from './useCounts';

const nodeTypes = Object.fromEntries([...triggerKinds, ...flowKinds, ...actionKinds].map((k) => [k, JourneyNodeCard]));
const groups: Array<[string, readonly NodeKind[]]> = [
  ['Triggers', triggerKinds],
  ['Flow', flowKinds],
  ['Actions', actionKinds],
];
const fitOptions = { padding: 0.2 };
// Past this many steps only what is on screen is rendered (with each card's known size, off-screen cards never mount).
const virtualiseFrom = 150;
type Meta = Pick<JourneyRecord, 'status' | 'versions' | 'currentVersionId'>;
type Message = { kind: 'ok' | 'error'; text: string };

function Palette({ disabled }: { disabled: boolean }) {
  const addNode = useCanvas((s) => s.addNode);
  return (
    <aside className="palette" aria-label="Palette">
      {groups.map(([title, kinds]) => (
        <section key={title}>
          <h4>{title}</h4>
          {kinds.map((k) => (
            <button
              type="button"
              key={k}
              data-testid={`palette-${k}`}
              disabled={disabled}
              draggable
              onDragStart={(e) => e.dataTransfer.setData('application/herald-kind', k)}
              onClick={() => addNode(k)}
            >
              {nodeKindLabels[k]}
            </button>
          ))}
        </section>
      ))}
    </aside>
  );
}

function Canvas({ journeyId }: { journeyId: string }) {
  // Narrow selections: a change the toolbar does not show does not re-render it.
  const { nodes, edges, onNodesChange, onEdgesChange, onConnect, addNode } = useCanvas(
    useShallow((s) => ({
      nodes: s.nodes,
      edges: s.edges,
      onNodesChange: s.onNodesChange,
      onEdgesChange: s.onEdgesChange,
      onConnect: s.onConnect,
      addNode: s.addNode,
    })),
  );
  const { dirty, blocked, canUndo, canRedo, undo, redo, layout, markSaved } = useCanvas(
    useShallow((s) => ({
      dirty: s.dirty,
      blocked: hasErrors(s.issues),
      canUndo: s.past.length > 0,
      canRedo: s.future.length > 0,
      undo: s.undo,
      redo: s.redo,
      layout: s.layout,
      markSaved: s.markSaved,
    })),
  );
  const flow = useReactFlow();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [meta, setMeta] = useState<Meta>({ status: 'draft', versions: [], currentVersionId: null });
  const [message, setMessage] = useState<Message | null>(null);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);
  const [openFit, setOpenFit] = useState<FitViewOptions>(fitOptions);
  const setCounts = useCounts((s) => s.set);
  const loaded = useRef(false);
  const say = useCallback((text: string) => setMessage({ kind: 'ok', text }), []);
  useCanvasKeys(say);

  // Versions with who published them; the journey record's own list is the fallback.
  const [versions, setVersions] = useState<JourneyVersion[] | null>(null);
  const refreshVersions = useCallback(
    () =>
      api
        .versions(journeyId)
        .then((r) => setVersions(r.items))
        .catch(() => setVersions(null)),
    [journeyId],
  );

  useEffect(() => {
    let alive = true;
    void (async () => {
      try {
        const [journey, list] = await Promise.all([api.journey(journeyId), api.accounts()]);
        if (!alive) return;
        useCanvas.getState().load(journeyId, journey.name, journey.graph);
        // A journey opens fitted; a large one opens readable at its start (its triggers), and Fit shows all of it.
        const triggers = journey.graph.nodes
          .filter((n) => (triggerKinds as readonly string[]).includes(n.kind))
          .map((n) => ({ id: n.id }));
        setOpenFit(
          journey.graph.nodes.length > virtualiseFrom && triggers.length > 0
            ? { padding: 0.2, maxZoom: 1, nodes: triggers }
            : fitOptions,
        );
        setAccounts(list.items);
        setMeta(journey);
        loaded.current = true;
        void refreshVersions();
      } catch (error) {
        if (alive) setMessage({ kind: 'error', text: errorText(error) });
      } finally {
        if (alive) setLoading(false);
      }
    })();
    return () => {
      alive = false;
    };
  }, [journeyId, refreshVersions]);

  // Autosave drafts a moment after the last change.
  useEffect(() => {
    if (!dirty || !loaded.current) return;
    const timer = setTimeout(() => {
      void api
        .saveGraph(journeyId, useCanvas.getState().graph())
        .then(markSaved)
        .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
    }, 600);
    return () => clearTimeout(timer);
  }, [dirty, nodes, edges, journeyId, markSaved]);

  // Per-node counts while the journey is published.
  const published = meta.versions.length > 0;
  useEffect(() => {
    if (!published) return;
    const tick = () =>
      void api
        .stats(journeyId)
        .then((s) => setCounts(s.nodes))
        .catch(() => {});
    tick();
    const timer = setInterval(tick, 2000);
    return () => {
      clearInterval(timer);
      setCounts({});
    };
  }, [journeyId, published, setCounts]);

  const isValidConnection = useCallback(
    (c: Connection | Edge) =>
      canConnect(useCanvas.getState().graph(), {
        source: c.source,
        sourceHandle: c.sourceHandle ?? 'out',
        target: c.target,
      }) === null,
    [],
  );

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await what();
    } finally {
      setBusy(false);
    }
  };
  const publish = () =>
    run(async () => {
      try {
        await api.saveGraph(journeyId, useCanvas.getState().graph());
        markSaved();
        const result = await api.publish(journeyId);
        setMeta(await api.journey(journeyId));
        await refreshVersions();
        setMessage({ kind: 'ok', text: `Published version ${result.version}.` });
      } catch (error) {
        const list = issuesOf(error);
        setMessage({ kind: 'error', text: list.length ? list.map((i) => i.message).join(' ') : errorText(error) });
      }
    });
  const pauseOrResume = (action: 'pause' | 'resume') =>
    run(async () => {
      try {
        setMeta(await api.journeyAction(journeyId, action));
        setMessage({
          kind: 'ok',
          text: action === 'pause' ? 'Paused: new events do not start this journey until you resume it.' : 'Resumed.',
        });
      } catch (error) {
        setMessage({ kind: 'error', text: errorText(error) });
      }
    });
  const autoLayout = () => {
    layout();
    requestAnimationFrame(() => {
      void flow.fitView({ ...fitOptions, duration: 200 });
    });
  };

  const select = useCallback(
    (nodeId: string) => {
      const all = useCanvas.getState().nodes;
      useCanvas
        .getState()
        .onNodesChange(all.map((n) => ({ type: 'select' as const, id: n.id, selected: n.id === nodeId })));
      const node = all.find((n) => n.id === nodeId);
      if (node) void flow.setCenter(node.position.x + 110, node.position.y + 40, { zoom: 1.1, duration: 200 });
    },
    [flow],
  );

  return (
    <div className="canvas-page">
      <Palette disabled={loading} />
      <main
        className="flow"
        data-node-count={nodes.length}
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          const kind = e.dataTransfer.getData('application/herald-kind') as NodeKind;
          if (kind) addNode(kind, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
        }}
      >
        <div className="toolbar" role="toolbar" aria-label="Journey">
          <strong data-testid="journey-name">{useCanvas.getState().name}</strong>
          <span className={`status status-${meta.status}`} data-testid="journey-status">
            {meta.status}
          </span>
          <VersionList versions={versions ?? meta.versions} currentVersionId={meta.currentVersionId} />
          <span className="spacer" />
          <span className="muted" aria-live="polite">
            {loading ? '' : dirty ? 'Saving…' : 'Saved'}
          </span>
          <button type="button" onClick={undo} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
            ↶
          </button>
          <button type="button" onClick={redo} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
            ↷
          </button>
          <button type="button" onClick={autoLayout} disabled={loading || nodes.length === 0}>
            Auto-layout
          </button>
          <button
            type="button"
            onClick={() => {
              void flow.fitView({ ...fitOptions, duration: 200 });
            }}
            title="Zoom to fit"
          >
            Fit
          </button>
          {meta.status === 'active' && (
            <button type="button" disabled={busy} onClick={() => void pauseOrResume('pause')}>
              Pause
            </button>
          )}
          {meta.status === 'paused' && (
            <button type="button" disabled={busy} onClick={() => void pauseOrResume('resume')}>
              Resume
            </button>
          )}
          <button
            type="button"
            className="primary"
            data-testid="publish"
            disabled={blocked || loading || busy}
            title={blocked ? 'Fix the problems listed below first' : ''}
            onClick={() => void publish()}
          >
            Publish
          </button>
        </div>
        {message && (
          <div className={`banner ${message.kind}`} role="status" data-testid="banner">
            {message.text}
          </div>
        )}
        {loading ? (
          <div className="loading">Loading journey…</div>
        ) : (
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            deleteKeyCode={null}
            fitView
            fitViewOptions={openFit}
            minZoom={0.1}
            onlyRenderVisibleElements={nodes.length > virtualiseFrom}
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
            {nodes.length === 0 && (
              <div className="canvas-empty">Add a trigger from the palette to start: click it, or drag it here.</div>
            )}
          </ReactFlow>
        )}
        <IssuesPanel onSelect={select} />
      </main>
      <Inspector accounts={accounts} />
    </div>
  );
}

/** The journey canvas page. */
export function CanvasPage({ journeyId }: { journeyId: string }) {
  return (
    <ReactFlowProvider>
      <Canvas journeyId={journeyId} />
    </ReactFlowProvider>
  );
}
