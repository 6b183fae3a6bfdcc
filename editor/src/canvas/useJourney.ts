import { useCallback, useEffect, useRef, useState } from 'react';
import {
  accountRoutes,
  experimentRoutes,
  journeyRoutes,
  type Account,
  type JourneyRecord,
  type JourneyVersion,
} from '@herald/api/contracts';
import { triggerKinds, type JourneyGraph } from '@herald/engine';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { useCanvas } from './store';
import { useCounts } from './useCounts';

// Past this many steps only what is on screen is rendered (with each card's known size, off-screen cards never mount).
export const virtualiseFrom = 150;
export type Meta = Pick<JourneyRecord, 'status' | 'versions' | 'currentVersionId' | 'nextRunAt'>;

/** Where a journey opens: fitted, or readable at its triggers when it is large. */
function openingView(graph: JourneyGraph) {
  const triggers = graph.nodes
    .filter((n) => (triggerKinds as readonly string[]).includes(n.kind))
    .map((n) => ({ id: n.id }));
  return graph.nodes.length > virtualiseFrom && triggers.length > 0
    ? { padding: 0.2, maxZoom: 1, nodes: triggers }
    : { padding: 0.2 };
}

/**
 * A journey on the canvas: loads it and the workspace's accounts, autosaves the draft a moment
 * after the last change, reads the per-step counts every 2 s while it is published, and its versions.
 */
export function useJourney(journeyId: string, onError: (text: string) => void) {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [meta, setMeta] = useState<Meta>({ status: 'draft', versions: [], currentVersionId: null, nextRunAt: null });
  const [versions, setVersions] = useState<JourneyVersion[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [openFit, setOpenFit] = useState<ReturnType<typeof openingView>>({ padding: 0.2 });
  const loaded = useRef(false);
  // The caller's latest error handler, without making it a reason to load again.
  const say = useRef(onError);
  say.current = onError;
  const setCounts = useCounts((s) => s.set);
  const setVariants = useCounts((s) => s.setVariants);
  const dirty = useCanvas((s) => s.dirty);
  const nodes = useCanvas((s) => s.nodes);
  const edges = useCanvas((s) => s.edges);
  const settings = useCanvas((s) => s.settings);
  // Drafts saved so far: the canvas shows it (data-saved-revision), so tests and tools can wait for a save.
  const [savedRevision, setSavedRevision] = useState(0);
  const saved = useCallback(() => setSavedRevision((r) => r + 1), []);
  const refreshVersions = useCallback(
    () =>
      call(journeyRoutes.versions, { params: { id: journeyId } })
        .then((r) => setVersions(r.items))
        .catch(() => setVersions(null)),
    [journeyId],
  );
  useEffect(() => {
    let alive = true;
    void (async () => {
      try {
        const [journey, list] = await Promise.all([
          call(journeyRoutes.get, { params: { id: journeyId } }),
          call(accountRoutes.list),
        ]);
        if (!alive) return;
        const store = useCanvas.getState();
        store.load(journeyId, journey.name, journey.graph);
        store.setAccounts(Object.fromEntries(list.items.map((a) => [a.id, a])));
        setOpenFit(openingView(journey.graph));
        setAccounts(list.items);
        setMeta(journey);
        loaded.current = true;
        void refreshVersions();
      } catch (error) {
        if (alive) say.current(errorText(error));
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
      const sent = useCanvas.getState();
      void call(journeyRoutes.saveGraph, { params: { id: journeyId }, body: { graph: sent.graph() } })
        .then(() => {
          // A change made while this save was in flight is not in it: stay dirty, and this effect saves it next.
          const now = useCanvas.getState();
          if (now.nodes === sent.nodes && now.edges === sent.edges && now.settings === sent.settings) now.markSaved();
          saved();
        })
        .catch((e: unknown) => say.current(errorText(e)));
    }, 600);
    return () => clearTimeout(timer);
  }, [dirty, nodes, edges, settings, journeyId, saved]);
  // Per-step counts while the journey is published.
  const published = meta.versions.length > 0;
  const recurring = nodes.some((n) => n.type === 'schedule' && (n.data as { mode?: string }).mode === 'recurring');
  const experiments = nodes.some(
    (n) => n.type === 'send' && ((n.data as { variants?: unknown[] }).variants?.length ?? 0) > 1,
  );
  useEffect(() => {
    if (!published) return;
    const tick = () => {
      void call(journeyRoutes.stats, { params: { id: journeyId } })
        .then((s) => setCounts(s.nodes))
        .catch(() => {});
      if (experiments)
        void call(experimentRoutes.journey, { params: { id: journeyId } })
          .then((r) => setVariants(r.steps))
          .catch(() => {});
      // A repeating schedule's next run is worked out by its workflow a moment after publishing.
      if (recurring)
        void call(journeyRoutes.get, { params: { id: journeyId } })
          .then((j) => setMeta((m) => (m.nextRunAt === j.nextRunAt ? m : { ...m, nextRunAt: j.nextRunAt })))
          .catch(() => {});
    };
    tick();
    const timer = setInterval(tick, 2000);
    return () => {
      clearInterval(timer);
      setCounts({});
      setVariants([]);
    };
  }, [journeyId, published, recurring, experiments, setCounts, setVariants]);
  return { accounts, meta, setMeta, versions, refreshVersions, loading, openFit, savedRevision, saved };
}
