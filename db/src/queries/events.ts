import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { executePrepared } from '../prepared';
import { rowsOf } from '../rows';

/** An event to store for a contact named by external id (created when missing, named `name`). */
export interface ExternalEvent {
  id: string;
  type: string;
  externalId: string;
  name: string;
  properties: Record<string, unknown>;
  /** ISO 8601. */
  occurredAt: string;
}

/**
 * One statement for a batch of events named by external id: creates missing contacts, then stores
 * the events idempotently (unique per workspace, source, id); returns the ids it stored. A
 * data-modifying CTE's rows are invisible to its siblings, so existing and new contacts are read
 * from both sides.
 *
 * When another request is creating the same contact at that moment, `on conflict do nothing` waits
 * for its commit and skips the row, but the statement's snapshot predates that commit, so the
 * statement cannot see the contact and cannot store the event. The statement names those events
 * (`missed`) and they go again in a second statement, whose snapshot holds the contact. Without it
 * such events were dropped and answered as duplicates.
 */
export async function storeEventsByExternalId(
  db: HeraldDb,
  p: { workspaceId: string; source: string; events: readonly ExternalEvent[] },
): Promise<Set<string>> {
  const stored = new Set<string>();
  let pending = p.events;
  for (let round = 0; pending.length > 0; round++) {
    if (round === 3)
      throw new Error(`contacts for ${pending.length} events stayed invisible after ${round} statements`);
    const payload = JSON.stringify(
      pending.map((e) => ({ i: e.id, t: e.type, x: e.externalId, n: e.name, p: e.properties, a: e.occurredAt })),
    );
    const result = rowsOf<{ stored: string | null; missed: string | null }>(
      await executePrepared(
        db,
        sql`
      with input as (
        select * from jsonb_to_recordset(${payload}::jsonb)
          as x(i text, t text, x text, n text, p jsonb, a timestamptz)),
      created as (
        insert into contacts (workspace_id, external_id, name)
        select distinct on (x) ${p.workspaceId}::uuid, x, n from input
        on conflict (workspace_id, external_id) do nothing returning id, external_id),
      known as (
        select id, external_id from created
        union all select id, external_id from contacts
        where workspace_id = ${p.workspaceId}::uuid and external_id in (select x from input)),
      inserted as (
        insert into inbound_events (workspace_id, source, external_id, type, contact_id, properties, occurred_at)
        select distinct on (input.i) ${p.workspaceId}::uuid, ${p.source}, input.i, input.t, known.id, input.p, input.a
        from input join known on known.external_id = input.x
        on conflict (workspace_id, source, external_id) do nothing returning external_id)
      select external_id as stored, null as missed from inserted
      union all select null, i from input where not exists (select 1 from known where known.external_id = input.x)`,
      ),
    );
    for (const r of result) if (r.stored !== null) stored.add(r.stored);
    const missed = new Set(result.filter((r) => r.missed !== null).map((r) => r.missed!));
    pending = pending.filter((e) => missed.has(e.id));
  }
  return stored;
}

/** Stores one event of a known contact, idempotently; whether it was new. */
export async function storeEvent(
  db: HeraldDb,
  p: {
    workspaceId: string;
    source: string;
    id: string;
    type: string;
    contactId: string;
    properties: Record<string, unknown>;
    occurredAt: string;
  },
): Promise<boolean> {
  const inserted = rowsOf(
    await db.execute(sql`insert into inbound_events
        (workspace_id, source, external_id, type, contact_id, properties, occurred_at)
      values (${p.workspaceId}::uuid, ${p.source}, ${p.id}, ${p.type}, ${p.contactId}::uuid,
        ${JSON.stringify(p.properties)}::jsonb, ${p.occurredAt}::timestamptz)
      on conflict (workspace_id, source, external_id) do nothing returning id`),
  );
  return inserted.length > 0;
}

/**
 * Records a contact's interaction with an account of the workspace (what opens the service
 * window): the latest time wins, whatever order events arrive in.
 */
export async function recordInteraction(
  db: HeraldDb,
  p: { workspaceId: string; contactId: string; channelAccountId: string; at: string; kind: string },
): Promise<void> {
  await db.execute(sql`insert into contact_interactions
      (workspace_id, contact_id, channel_account_id, last_interaction_at, last_interaction_kind)
    select ${p.workspaceId}::uuid, ${p.contactId}::uuid, a.id, ${p.at}::timestamptz, ${p.kind} from channel_accounts a
    where a.id = ${p.channelAccountId}::uuid and a.workspace_id = ${p.workspaceId}::uuid
    on conflict (contact_id, channel_account_id) do update
      set last_interaction_at = greatest(contact_interactions.last_interaction_at, excluded.last_interaction_at),
        last_interaction_kind = excluded.last_interaction_kind`);
}
