import { sql, type HeraldDb, rowsOf } from '@herald/db';
import { journeyWorkflowId, contactEventSignal } from '@herald/engine/workflows';
import { matchesFilters } from '@herald/engine';
import type { AppDeps } from '../deps';
import { enterJourney } from './workflows.service';

/** A published real-time journey: its trigger, re-entry rule, and the event names its contacts wait for (wait-for-event steps, the goal). */
interface LiveJourney {
  journeyId: string;
  versionId: string;
  runId: string;
  trigger: { kind: string; data: Record<string, unknown> };
  reentry: { mode: string; days?: number };
  awaits: ReadonlySet<string>;
}

async function liveJourneys(db: HeraldDb, workspaceId: string): Promise<LiveJourney[]> {
  type StoredPlan = {
    trigger: LiveJourney['trigger'];
    settings: { reentry: LiveJourney['reentry']; goalEvent?: string };
    nodes: Record<string, { kind: string; data: { eventName?: string } }>;
  };
  return rowsOf<{ journey_id: string; version_id: string; run_id: string; plan: StoredPlan }>(
    await db.execute(sql`
    select j.id as journey_id, v.id as version_id, r.id as run_id, v.plan from journeys j
    join journey_versions v on v.id = j.current_version_id join runs r on r.journey_version_id = v.id and r.kind = 'journey'
    where j.workspace_id = ${workspaceId}::uuid and j.status = 'active' and j.kind = 'journey'`),
  ).map((r) => ({
    journeyId: r.journey_id,
    versionId: r.version_id,
    runId: r.run_id,
    trigger: r.plan.trigger,
    reentry: r.plan.settings.reentry,
    awaits: new Set([
      ...Object.values(r.plan.nodes).flatMap((n) =>
        n.kind === 'wait_for_event' && n.data.eventName ? [n.data.eventName] : [],
      ),
      ...(r.plan.settings.goalEvent ? [r.plan.settings.goalEvent] : []),
    ]),
  }));
}

function triggers(j: LiveJourney, type: string, properties: Record<string, unknown>): boolean {
  const d = j.trigger.data;
  switch (j.trigger.kind) {
    case 'follow':
      return (
        type === 'follow' &&
        (!properties.channelAccountId || !d.channelAccountId || properties.channelAccountId === d.channelAccountId)
      );
    case 'form_submit':
      return type === 'form_submit' && properties.formId === d.formId;
    case 'event':
      return type === d.eventName && matchesFilters(properties, (d.filters as never) ?? []);
    default:
      return false;
  }
}

/**
 * Turns stored events into journey entries (honouring re-entry) and wakes waiting contacts, then
 * drains queued entries into Temporal. Runs on an interval; each step is idempotent, so a crash
 * between steps only repeats work that the unique keys absorb.
 */
export async function drainOnce(deps: AppDeps, batch = 200): Promise<{ events: number; entries: number }> {
  const { db } = deps;
  const events = rowsOf<{
    id: number;
    workspace_id: string;
    external_id: string;
    type: string;
    contact_id: string | null;
    properties: Record<string, unknown>;
  }>(
    await db.execute(sql`
    select id, workspace_id, external_id, type, contact_id, properties from inbound_events where processed_at is null order by id limit ${batch}`),
  );
  const byWorkspace = new Map<string, LiveJourney[]>();
  for (const event of events) {
    if (event.contact_id) {
      let live = byWorkspace.get(event.workspace_id);
      if (!live) {
        live = await liveJourneys(db, event.workspace_id);
        byWorkspace.set(event.workspace_id, live);
      }
      for (const j of live) {
        if (triggers(j, event.type, event.properties)) {
          const since =
            j.reentry.mode === 'after'
              ? sql`and enqueued_at > now() - make_interval(days => ${j.reentry.days ?? 0})`
              : sql``;
          const blocked =
            j.reentry.mode === 'always'
              ? []
              : rowsOf(
                  await db.execute(
                    sql`select 1 from journey_entries where journey_id = ${j.journeyId}::uuid and contact_id = ${event.contact_id}::uuid and status <> 'skipped' ${since} limit 1`,
                  ),
                );
          await db.execute(sql`insert into journey_entries (workspace_id, journey_id, journey_version_id, contact_id, event_id, status, reason)
            values (${event.workspace_id}::uuid, ${j.journeyId}::uuid, ${j.versionId}::uuid, ${event.contact_id}::uuid, ${event.external_id}, ${blocked.length > 0 ? 'skipped' : 'queued'}, ${blocked.length > 0 ? 'reentry' : null})
            on conflict (journey_id, contact_id, event_id) do nothing`);
        } else if (deps.temporal && j.awaits.has(event.type)) {
          // A contact in the journey may be waiting for this event (or reaching its goal): signal only
          // journeys that wait for this event name and that the contact entered — one call to Temporal
          // per live journey for every event kept the drainer busy with signals to no workflow.
          const entered = rowsOf(
            await db.execute(
              sql`select 1 from journey_entries where journey_id = ${j.journeyId}::uuid and contact_id = ${event.contact_id}::uuid and status = 'started' limit 1`,
            ),
          );
          if (entered.length === 0) continue;
          await deps.temporal.client.workflow
            .getHandle(journeyWorkflowId(event.workspace_id, j.journeyId, event.contact_id))
            .signal(contactEventSignal, { name: event.type, eventId: event.external_id, properties: event.properties })
            .catch(() => {});
        }
      }
    }
    await db.execute(sql`update inbound_events set processed_at = now() where id = ${event.id}`);
  }

  if (!deps.temporal) return { events: events.length, entries: 0 };
  const queued = rowsOf<{
    id: number;
    workspace_id: string;
    journey_id: string;
    journey_version_id: string;
    contact_id: string;
    event_id: string;
    run_id: string;
  }>(
    await db.execute(sql`
    select e.id, e.workspace_id, e.journey_id, e.journey_version_id, e.contact_id, e.event_id, r.id as run_id from journey_entries e
    join runs r on r.journey_version_id = e.journey_version_id and r.kind = 'journey' where e.status = 'queued' order by e.id limit ${batch}`),
  );
  let started = 0;
  await Promise.all(
    Array.from({ length: 16 }, async (_, lane) => {
      for (let i = lane; i < queued.length; i += 16) {
        const e = queued[i]!;
        try {
          await enterJourney(deps, e.journey_id, {
            workspaceId: e.workspace_id,
            journeyVersionId: e.journey_version_id,
            runId: e.run_id,
            contactId: e.contact_id,
            entry: { entrySeq: Number(e.id), eventId: e.event_id },
          });
          await db.execute(sql`update journey_entries set status = 'started', started_at = now() where id = ${e.id}`);
          started++;
        } catch {
          // Left queued: the next tick tries again (Temporal unavailable is lag, not loss).
        }
      }
    }),
  );
  return { events: events.length, entries: started };
}

/** Runs drainOnce every `intervalMs` until stopped; a busy tick runs again at once. */
export function startDrainer(deps: AppDeps, intervalMs = 200): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const done = await drainOnce(deps).catch(() => ({ events: 0, entries: 0 }));
      if (done.events === 0 && done.entries === 0) await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
