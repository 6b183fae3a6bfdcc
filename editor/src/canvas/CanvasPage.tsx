import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Background, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type Connection, type Edge } from '@xyflow/react';
import { actionKinds, canConnect, flowKinds, hasErrors, nodeKindLabels, triggerKinds, type NodeKind } from '@herald/engine';
import { api, issuesOf, type Account, type ApiError } from '../api/client';
import { JourneyNodeCard } from './JourneyNodeCard';
import { Inspector } from './Inspector';
import { useCanvas } from './store';
import { useCounts } from './useCounts';

const nodeTypes = Object.fromEntries([...triggerKinds, ...flowKinds, ...actionKinds].map((k) => [k, JourneyNodeCard]));
const groups: Array<[string, readonly NodeKind[]]> = [['Triggers', triggerKinds], ['Flow', flowKinds], ['Actions', actionKinds]];

function Canvas({ journeyId }: { journeyId: string }) {
  const { nodes, edges, issues, onNodesChange, onEdgesChange, onConnect, addNode, undo, redo, deleteSelection, dirty, markSaved } = useCanvas();
  const flow = useReactFlow();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [status, setStatus] = useState<{ journey: string; versions: number }>({ journey: 'draft', versions: 0 });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [loading, setLoading] = useState(true);
  const setCounts = useCounts((s) => s.set);
  const loaded = useRef(false);

  useEffect(() => {
    let alive = true;
    void (async () => {
      try {
        const [journey, list] = await Promise.all([api.journey(journeyId), api.accounts()]);
        if (!alive) return;
        useCanvas.getState().load(journeyId, journey.name, journey.graph);
        setAccounts(list.items);
        setStatus({ journey: journey.status, versions: journey.versions.length });
        loaded.current = true;
      } catch (error) {
        setMessage({ kind: 'error', text: (error as Error).message });
      } finally {
        setLoading(false);
        setTimeout(() => { void flow.fitView({ padding: 0.2 }); }, 50);
      }
    })();
    return () => { alive = false; };
  }, [journeyId, flow]);

  // Autosave drafts a moment after the last change.
  useEffect(() => {
    if (!dirty || !loaded.current) return;
    const timer = setTimeout(() => { void api.saveGraph(journeyId, useCanvas.getState().graph()).then(markSaved).catch((e: Error) => setMessage({ kind: 'error', text: e.message })); }, 600);
    return () => clearTimeout(timer);
  }, [dirty, nodes, edges, journeyId, markSaved]);

  // Per-node counts while the journey is published.
  useEffect(() => {
    if (status.versions === 0) return;
    const tick = () => void api.stats(journeyId).then((s) => setCounts(s.nodes)).catch(() => {});
    tick();
    const timer = setInterval(tick, 2000);
    return () => clearInterval(timer);
  }, [journeyId, status.versions, setCounts]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      if ((e.ctrlKey || e.metaKey) && e.key === 'z') { e.preventDefault(); if (e.shiftKey) redo(); else undo(); }
      if (e.key === 'Delete' || e.key === 'Backspace') deleteSelection();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, deleteSelection]);

  const isValidConnection = useCallback((c: Connection | Edge) => canConnect(useCanvas.getState().graph(), { source: c.source, sourceHandle: c.sourceHandle ?? 'out', target: c.target }) === null, []);
  const blocked = useMemo(() => hasErrors(issues), [issues]);

  const publish = async () => {
    setMessage(null);
    try {
      await api.saveGraph(journeyId, useCanvas.getState().graph());
      markSaved();
      const result = await api.publish(journeyId);
      setStatus((s) => ({ journey: 'active', versions: Math.max(s.versions, result.version) }));
      setMessage({ kind: 'ok', text: `Published version ${result.version}.` });
    } catch (error) {
      const list = issuesOf(error);
      setMessage({ kind: 'error', text: list.length ? list.map((i) => i.message).join(' ') : (error as ApiError).message });
    }
  };

  const select = (nodeId?: string) => {
    if (!nodeId) return;
    onNodesChange(nodes.map((n) => ({ type: 'select' as const, id: n.id, selected: n.id === nodeId })));
    const node = nodes.find((n) => n.id === nodeId);
    if (node) void flow.setCenter(node.position.x + 110, node.position.y + 40, { zoom: 1.1, duration: 200 });
  };

  return (
    <div className="canvas-page">
      <aside className="palette" aria-label="Palette">
        {groups.map(([title, kinds]) => (
          <section key={title}>
            <h4>{title}</h4>
            {kinds.map((k) => <button type="button" key={k} data-testid={`palette-${k}`} disabled={loading} draggable onDragStart={(e) => e.dataTransfer.setData('application/herald-kind', k)} onClick={() => addNode(k)}>{nodeKindLabels[k]}</button>)}
          </section>
        ))}
      </aside>
      <main className="flow" onDragOver={(e) => e.preventDefault()} onDrop={(e) => { const kind = e.dataTransfer.getData('application/herald-kind') as NodeKind; if (kind) addNode(kind, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })); }}>
        <div className="toolbar">
          <strong data-testid="journey-name">{useCanvas.getState().name}</strong>
          <span className={`status status-${status.journey}`}>{status.journey}{status.versions ? ` · v${status.versions}` : ''}</span>
          <span className="spacer" />
          <span className="muted">{dirty ? 'Saving…' : 'Saved'}</span>
          <button type="button" onClick={undo} aria-label="Undo">↶</button>
          <button type="button" onClick={redo} aria-label="Redo">↷</button>
          <button type="button" onClick={() => { void flow.fitView({ padding: 0.2 }); }}>Fit</button>
          {status.journey === 'active' && <button type="button" onClick={() => void api.journeyAction(journeyId, 'pause').then(() => setStatus((s) => ({ ...s, journey: 'paused' })))}>Pause</button>}
          {status.journey === 'paused' && <button type="button" onClick={() => void api.journeyAction(journeyId, 'resume').then(() => setStatus((s) => ({ ...s, journey: 'active' })))}>Resume</button>}
          <button type="button" className="primary" data-testid="publish" disabled={blocked || loading} title={blocked ? 'Fix the problems listed below first' : ''} onClick={() => void publish()}>Publish</button>
        </div>
        {message && <div className={`banner ${message.kind}`} role="status" data-testid="banner">{message.text}</div>}
        {loading ? <div className="loading">Loading journey…</div> : (
          <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} onConnect={onConnect} isValidConnection={isValidConnection} deleteKeyCode={null} fitView>
            <Background gap={20} />
            <Controls showInteractive={false} />
          </ReactFlow>
        )}
        <section className="issues" data-testid="issues-panel" aria-label="Problems">
          {issues.length === 0 ? <span className="ok">No problems: ready to publish.</span> : issues.map((i, n) => (
            <button type="button" key={n} className={`issue ${i.severity}`} onClick={() => select(i.nodeId)} data-code={i.code}>{i.message}</button>
          ))}
        </section>
      </main>
      <Inspector accounts={accounts} />
    </div>
  );
}

/** The journey canvas page. */
export function CanvasPage({ journeyId }: { journeyId: string }) {
  return <ReactFlowProvider><Canvas journeyId={journeyId} /></ReactFlowProvider>;
}
