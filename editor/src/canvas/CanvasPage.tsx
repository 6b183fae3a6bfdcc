import { useCallback, useState } from 'react';
import {
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
} from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import {
  actionKinds,
  canConnect,
  flowKinds,
  hasErrors,
  isRealtimeTriggerKind,
  triggerKinds,
  type NodeKind,
} from '@herald/engine';
import { journeyRoutes } from '@herald/api/contracts';
import { call, issuesOf } from '../api/client';
import { errorText } from '../api/error-text';
import { formatDateTime } from '../i18n/format';
import { statusLabel } from '../words/labels';
import { Inspector } from './Inspector';
import { HistoryButtons } from './HistoryButtons';
import { IssuesPanel, issueText } from './IssuesPanel';
import { JourneyName } from './JourneyName';
import { JourneyReport } from './JourneyReport';
import { JourneyNodeCard } from './JourneyNodeCard';
import { Palette } from './Palette';
import { useCanvas } from './store';
import { useCanvasKeys } from './useCanvasKeys';
import { useJourney, virtualiseFrom } from './useJourney';
import { VersionList } from './VersionList';
import { useTranslation } from 'react-i18next';

const nodeTypes = Object.fromEntries([...triggerKinds, ...flowKinds, ...actionKinds].map((k) => [k, JourneyNodeCard]));
const fitOptions = { padding: 0.2 };
type Message = { kind: 'ok' | 'error'; text: string };

function Canvas({ journeyId }: { journeyId: string }) {
  const { t } = useTranslation();
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
  const { dirty, blocked, layout, markSaved } = useCanvas(
    useShallow((s) => ({
      dirty: s.dirty,
      blocked: hasErrors(s.issues),
      layout: s.layout,
      markSaved: s.markSaved,
    })),
  );
  const flow = useReactFlow();
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = useCallback((text: string) => setMessage({ kind: 'error', text }), []);
  const say = useCallback((text: string) => setMessage({ kind: 'ok', text }), []);
  useCanvasKeys(say);
  const { accounts, meta, setMeta, versions, refreshVersions, loading, openFit, savedRevision, saved } = useJourney(
    journeyId,
    fail,
  );
  // Viewport moves finished (pans, zooms, fits): the canvas shows the count (data-moves) for tests and tools.
  const [moves, setMoves] = useState(0);
  const moveEnded = useCallback(() => setMoves((m) => m + 1), []);
  const [reportOpen, setReportOpen] = useState(false);
  const isRealtime = nodes.some((n) => isRealtimeTriggerKind(n.type as NodeKind));

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
    } catch (error) {
      const list = issuesOf(error);
      fail(list.length ? list.map(issueText).join(' ') : errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const params = { params: { id: journeyId } };
  const publish = () =>
    run(async () => {
      await call(journeyRoutes.saveGraph, { ...params, body: { graph: useCanvas.getState().graph() } });
      markSaved();
      saved();
      const result = await call(journeyRoutes.publish, params);
      if ('approval' in result) {
        say('Sent for approval: an admin approves it on the Approvals page before it runs.');
        return;
      }
      setMeta(await call(journeyRoutes.get, params));
      await refreshVersions();
      say(t('canvas.published', { version: result.version }));
    });
  const pauseOrResume = (action: 'pause' | 'resume') =>
    run(async () => {
      setMeta(await call(journeyRoutes[action], params));
      say(action === 'pause' ? t('canvas.paused') : t('canvas.resumed'));
    });
  const autoLayout = () => {
    layout();
    requestAnimationFrame(() => void flow.fitView({ ...fitOptions, duration: 200 }));
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
        data-moves={moves}
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          const kind = e.dataTransfer.getData('application/herald-kind') as NodeKind;
          if (kind) addNode(kind, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
        }}
      >
        <div className="toolbar" role="toolbar" aria-label={t('canvas.toolbar')}>
          <JourneyName journeyId={journeyId} onError={fail} />
          <span className={`status status-${meta.status}`} data-testid="journey-status">
            {statusLabel(meta.status)}
          </span>
          <VersionList
            journeyId={journeyId}
            realtime={isRealtime}
            versions={versions ?? meta.versions}
            currentVersionId={meta.currentVersionId}
          />
          {meta.nextRunAt && (
            <span className="muted" data-testid="next-run">
              {t('canvas.nextRun', { at: formatDateTime(meta.nextRunAt) })}
            </span>
          )}
          <span className="spacer" />
          <span
            className="muted"
            aria-live="polite"
            data-testid="save-state"
            data-state={loading ? 'loading' : dirty ? 'saving' : 'saved'}
            data-saved-revision={savedRevision}
          >
            {loading ? '' : dirty ? t('common.saving') : t('common.saved')}
          </span>
          <HistoryButtons />
          <button type="button" onClick={autoLayout} disabled={loading || nodes.length === 0}>
            {t('canvas.autoLayout')}
          </button>
          <button
            type="button"
            onClick={() => void flow.fitView({ ...fitOptions, duration: 200 })}
            title={t('canvas.zoomToFit')}
          >
            {t('canvas.fit')}
          </button>
          {(meta.status === 'active' || meta.status === 'paused') && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void pauseOrResume(meta.status === 'active' ? 'pause' : 'resume')}
            >
              {meta.status === 'active' ? t('canvas.pause') : t('canvas.resume')}
            </button>
          )}
          {meta.versions.length > 0 && (
            <button type="button" aria-pressed={reportOpen} onClick={() => setReportOpen((o) => !o)}>
              {t('canvas.report')}
            </button>
          )}
          <button
            type="button"
            className="primary"
            data-testid="publish"
            disabled={blocked || loading || busy}
            title={blocked ? t('canvas.fixFirst') : ''}
            onClick={() => void publish()}
          >
            {t('canvas.publish')}
          </button>
        </div>
        {message && (
          <div className={`banner ${message.kind}`} role="status" data-testid="banner">
            {message.text}
          </div>
        )}
        {loading ? (
          <div className="loading">{t('canvas.loading')}</div>
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
            onMoveEnd={moveEnded}
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
            {nodes.length === 0 && <div className="canvas-empty">{t('canvas.empty')}</div>}
          </ReactFlow>
        )}
        <IssuesPanel onSelect={select} />
        {reportOpen && <JourneyReport journeyId={journeyId} onClose={() => setReportOpen(false)} />}
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
