import {
  claimSleepingRuns,
  markRunSleeping,
  legacyEntered,
  liveRuns,
  goalEventTypes,
  recordConversions,
  versionPlans,
  lockJourney,
  markEventArrivals,
  markEventsProcessed,
  markGoals,
  recordEntries,
  runs,
  takePendingEvents,
  hasPendingEvents,
  runsWithStaleEntries,
  inArray,
  type Arrived,
  type EntryCandidate,
  type HeraldDb,
  type LiveRun,
  type PendingEvent,
} from '@herald/db';
import { matchesFilters, matchesTrigger, parsePlan, type Plan, type PropertyFilter } from '@herald/engine';
import type { AppDeps } from '../deps';
import { runPageSize } from './publish.service';
import { segmentEntries } from './segment-entry.service';
import { onEventsStored } from './ingest.service';
import { signalLegacyJourney, wakeRun } from './workflows.service';

/** What one tick did. */
export interface Drained {
  events: number;
  /** Runs told that something waits for them. */
  woken: number;
}

interface Tick {
  woken: Set<string>;
  legacy: Array<{ workspaceId: string; journeyId: string; contactId: string; event: PendingEvent }>;
}

/**
 * Matches a batch of stored events to journeys, in one transaction that holds the events (several
 * drainers share the backlog): events that start a real-time journey become queued entries (its
 * re-entry rule decided for the batch in one statement per journey), awaited events wake the contacts
 * waiting for them, goal events let contacts leave. Each run concerned is then told once — a signal
 * per run per batch, never per contact — and its workflow takes the queued entries in on its clock.
 */
export async function drainOnce(deps: AppDeps, batch = 1000): Promise<Drained> {
  const now = deps.now?.() ?? new Date();
  const tick: Tick = { woken: new Set(), legacy: [] };
  if (!(await hasPendingEvents(deps.db))) return { events: 0, woken: 0 };
  const events = await deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const taken = await takePendingEvents(tx, batch);
    const byWorkspace = new Map<string, PendingEvent[]>();
    for (const e of taken)
      if (e.contactId)
        (byWorkspace.get(e.workspaceId) ?? byWorkspace.set(e.workspaceId, []).get(e.workspaceId)!).push(e);
    for (const [workspaceId, list] of byWorkspace) await matchWorkspace(tx, workspaceId, list, now, tick);
    await markEventsProcessed(
      tx,
      taken.map((e) => e.id),
    );
    return taken.length;
  });
  await wake(deps, tick);
  return { events, woken: tick.woken.size };
}

const planCache = new Map<string, Plan>();

/** Parsed plans of versions, kept per process (a published version never changes). */
async function plansOf(db: HeraldDb, versionIds: string[]): Promise<Map<string, Plan>> {
  const missing = [...new Set(versionIds)].filter((id) => !planCache.has(id));
  for (const [id, plan] of await versionPlans(db, missing)) planCache.set(id, parsePlan(plan));
  return new Map(versionIds.map((id) => [id, planCache.get(id)!]));
}

async function matchWorkspace(tx: HeraldDb, workspaceId: string, events: PendingEvent[], now: Date, tick: Tick) {
  const live = await liveRuns(tx, workspaceId);
  const plans = await plansOf(
    tx,
    live.map((r) => r.journeyVersionId),
  );
  const runsOf = live.map((r) => ({ ...r, plan: plans.get(r.journeyVersionId)! }));
  // Entries: the live version's open real-time run of each active journey.
  for (const run of runsOf) {
    if (run.kind !== 'journey' || run.closed || !run.current || run.journeyStatus !== 'active') continue;
    const candidates: EntryCandidate[] =
      run.plan.trigger.kind === 'segment'
        ? await segmentEntries(tx, workspaceId, run.plan, events)
        : events
            .filter((e) => matchesTrigger(run.plan.trigger, e))
            .map((e) => ({ contactId: e.contactId!, eventId: e.externalId, seq: e.id }));
    if (candidates.length === 0) continue;
    await lockJourney(tx, run.journeyId);
    const queued = await recordEntries(
      tx,
      { workspaceId, journeyId: run.journeyId, journeyVersionId: run.journeyVersionId },
      run.plan.settings.reentry,
      candidates,
    );
    if (queued > 0) tick.woken.add(run.runId);
  }
  // Awaited events and goals: any run that may hold the contact.
  const arrivals: Arrived[] = [];
  const goals: Array<{ runId: string; contactId: string }> = [];
  for (const run of runsOf) {
    const waits = awaitedSteps(run.plan);
    const goal = run.plan.settings.goalEvent;
    for (const e of events) {
      const nodeIds = (waits.get(e.type) ?? []).filter((w) => matchesFilters(e.properties, w.filters)).map((w) => w.id);
      if (nodeIds.length > 0)
        arrivals.push({ runId: run.runId, nodeIds, contactId: e.contactId!, eventName: e.type, at: e.occurredAt });
      if (goal && e.type === goal) goals.push({ runId: run.runId, contactId: e.contactId! });
    }
  }
  for (const r of await markEventArrivals(tx, arrivals, now)) tick.woken.add(r);
  for (const r of await markGoals(tx, goals, now)) tick.woken.add(r);
  // Goal events count as conversions of every run they fall within the attribution window of.
  const goalTypes = await goalEventTypes(tx, workspaceId);
  await recordConversions(
    tx,
    workspaceId,
    events
      .filter((e) => goalTypes.has(e.type))
      .map((e) => ({ contactId: e.contactId!, eventId: e.externalId, type: e.type, at: e.occurredAt })),
  );
  await collectLegacy(tx, workspaceId, runsOf, events, tick);
}

/** A plan's wait-for-event steps by event name, with their property filters. */
function awaitedSteps(plan: Plan): Map<string, Array<{ id: string; filters: PropertyFilter[] }>> {
  const byName = new Map<string, Array<{ id: string; filters: PropertyFilter[] }>>();
  for (const node of Object.values(plan.nodes)) {
    if (node.kind !== 'wait_for_event') continue;
    const d = node.data as { eventName: string; filters: PropertyFilter[] };
    (byName.get(d.eventName) ?? byName.set(d.eventName, []).get(d.eventName)!).push({
      id: node.id,
      filters: d.filters,
    });
  }
  return byName;
}

/** Events for contacts still in a per-contact workflow of the first engine go to it as signals (after commit). */
async function collectLegacy(
  tx: HeraldDb,
  workspaceId: string,
  runsOf: Array<LiveRun & { plan: Plan }>,
  events: PendingEvent[],
  tick: Tick,
) {
  for (const run of runsOf) {
    if (run.kind !== 'journey') continue;
    const names = new Set([
      ...awaitedSteps(run.plan).keys(),
      ...(run.plan.settings.goalEvent ? [run.plan.settings.goalEvent] : []),
    ]);
    const relevant = events.filter((e) => names.has(e.type));
    if (relevant.length === 0) continue;
    const inLegacy = await legacyEntered(
      tx,
      run.journeyId,
      relevant.map((e) => e.contactId!),
    );
    for (const e of relevant)
      if (inLegacy.has(e.contactId!))
        tick.legacy.push({ workspaceId, journeyId: run.journeyId, contactId: e.contactId!, event: e });
  }
}

/**
 * Tells each run concerned, once; a run whose workflow is down is told on the next tick (its rows wait, nothing is
 * lost).
 */
async function wake(deps: AppDeps, tick: Tick, force = false): Promise<void> {
  if (!deps.temporal) return;
  // One statement for every run told this tick: only runs whose workflow sleeps are signalled (a busy
  // one takes its entries in as they come; see run-sleep.ts), unless forced; plans come from the cache.
  const told = [...tick.woken];
  const found =
    told.length === 0
      ? []
      : force
        ? await deps.db
            .select({ id: runs.id, workspaceId: runs.workspaceId, journeyVersionId: runs.journeyVersionId })
            .from(runs)
            .where(inArray(runs.id, told))
        : await claimSleepingRuns(deps.db, told);
  const plans = await plansOf(
    deps.db,
    found.map((r) => r.journeyVersionId),
  );
  const contexts = new Map(found.map((r) => [r.id, { ...r, plan: plans.get(r.journeyVersionId)! }]));
  await Promise.all(
    [...contexts].map(([runId, c]) =>
      wakeRun(deps, {
        workspaceId: c.workspaceId,
        runId,
        journeyVersionId: c.journeyVersionId,
        mode: c.plan.mode,
        pageSize: runPageSize(c.plan),
      }).catch(async (error: unknown) => {
        deps.log?.warn?.({ err: error, runId }, 'drainer: could not wake a run; it is retried on the next tick');
        // Still asleep: the next entry or event tries again (entries left waiting are swept after 10 s).
        await markRunSleeping(deps.db, runId, true).catch(() => {});
      }),
    ),
  );
  for (const l of tick.legacy) {
    await signalLegacyJourney(deps, l, {
      name: l.event.type,
      eventId: l.event.externalId,
      properties: l.event.properties,
    }).catch(() => {});
  }
}

/** Wakes runs whose entries have waited over 10 s (a wake-up lost to a Temporal outage): lag, never loss. */
async function wakeStale(deps: AppDeps): Promise<void> {
  await wake(deps, { woken: new Set(await runsWithStaleEntries(deps.db, 10_000)), legacy: [] }, true);
}

/** Runs drainOnce every `intervalMs`, at once again while busy or when nudged (an event was stored). */
export function startDrainer(deps: AppDeps, intervalMs = 200): { stop(): Promise<void>; nudge(): void } {
  let stopped = false;
  let nudged: (() => void) | null = null;
  const nap = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      nudged = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (nudged = null));
  const unsubscribe = onEventsStored(() => nudged?.());
  let lastSweep = Date.now();
  const loop = (async () => {
    while (!stopped) {
      const done = await drainOnce(deps).catch((error: unknown) => {
        deps.log?.error?.({ err: error }, 'drainer: a tick failed; it is tried again');
        return { events: 0, woken: 0 };
      });
      if (Date.now() - lastSweep > 30_000) {
        lastSweep = Date.now();
        await wakeStale(deps).catch(() => {});
      }
      if (done.events === 0) await nap();
    }
  })();
  return {
    nudge: () => nudged?.(),
    stop: async () => {
      stopped = true;
      unsubscribe();
      nudged?.();
      await loop;
    },
  };
}
