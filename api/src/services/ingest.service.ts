import { z } from 'zod';
import { sql, type HeraldDb, identityKinds, rowsOf } from '@herald/db';
import { opensInteractionWindow } from '@herald/engine';
import { notFound } from '../errors/herald-error';

export const eventInput = z.object({
  id: z.string().trim().min(1).max(200),
  type: z.string().trim().min(1).max(100),
  contact: z
    .object({
      id: z.uuid().optional(),
      externalId: z.string().trim().min(1).max(200).optional(),
      identity: z
        .object({
          kind: z.enum(identityKinds),
          value: z.string().trim().min(1).max(200),
          channelAccountId: z.uuid().nullish(),
        })
        .optional(),
      name: z.string().max(200).optional(),
    })
    .refine((c) => c.id || c.externalId || c.identity, 'name the contact by id, externalId or identity'),
  properties: z.record(z.string(), z.unknown()).default({}),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export type EventInput = z.infer<typeof eventInput>;

/**
 * One statement for a batch of events named by external id: creates missing contacts, then stores
 * the events idempotently. A data-modifying CTE's rows are invisible to its siblings, so existing
 * and new contacts are read from both sides.
 *
 * When another request is creating the same contact at that moment, `on conflict do nothing` waits
 * for its commit and skips the row, but the statement's snapshot predates that commit, so the
 * statement cannot see the contact and cannot store the event. The statement names those events
 * (`missed`) and they go again in a second statement, whose snapshot holds the contact. Without it
 * such events were dropped and answered as duplicates.
 */
async function ingestByExternalId(
  db: HeraldDb,
  workspaceId: string,
  source: string,
  events: readonly EventInput[],
  now: Date,
): Promise<Set<string>> {
  const stored = new Set<string>();
  let pending = events;
  for (let round = 0; pending.length > 0; round++) {
    if (round === 3)
      throw new Error(`contacts for ${pending.length} events stayed invisible after ${round} statements`);
    const payload = JSON.stringify(
      pending.map((e) => ({
        i: e.id,
        t: e.type,
        x: e.contact.externalId,
        n: e.contact.name ?? '',
        p: e.properties,
        a: e.occurredAt ?? now.toISOString(),
      })),
    );
    const result = rowsOf<{ stored: string | null; missed: string | null }>(
      await db.execute(sql`
      with input as (select * from jsonb_to_recordset(${payload}::jsonb) as x(i text, t text, x text, n text, p jsonb, a timestamptz)),
      created as (
        insert into contacts (workspace_id, external_id, name) select distinct on (x) ${workspaceId}::uuid, x, n from input
        on conflict (workspace_id, external_id) do nothing returning id, external_id),
      known as (
        select id, external_id from created
        union all select id, external_id from contacts where workspace_id = ${workspaceId}::uuid and external_id in (select x from input)),
      inserted as (
        insert into inbound_events (workspace_id, source, external_id, type, contact_id, properties, occurred_at)
        select distinct on (input.i) ${workspaceId}::uuid, ${source}, input.i, input.t, known.id, input.p, input.a from input join known on known.external_id = input.x
        on conflict (workspace_id, source, external_id) do nothing returning external_id)
      select external_id as stored, null as missed from inserted
      union all select null, i from input where not exists (select 1 from known where known.external_id = input.x)`),
    );
    for (const r of result) if (r.stored !== null) stored.add(r.stored);
    const missed = new Set(result.filter((r) => r.missed !== null).map((r) => r.missed!));
    pending = pending.filter((e) => missed.has(e.id));
  }
  return stored;
}

interface Waiting {
  event: EventInput;
  resolve(accepted: boolean): void;
  reject(error: unknown): void;
}

/**
 * Group commit for events posted one per request: requests that arrive while earlier ones are
 * being written share the next statement and its commit. Each request is answered only after the
 * commit that holds its event (durable as before); at low load a request goes alone at once, under
 * load a few hundred go in one commit. At most `lanes` statements are in flight per workspace.
 */
class GroupCommit {
  private waiting: Waiting[] = [];
  private inFlight = 0;
  constructor(
    private readonly db: HeraldDb,
    private readonly workspaceId: string,
    private readonly source: string,
    private readonly lanes = 4,
    private readonly max = 500,
  ) {}

  add(event: EventInput): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      if (this.inFlight < this.lanes) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.inFlight++;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.max);
        try {
          const inserted = await ingestByExternalId(
            this.db,
            this.workspaceId,
            this.source,
            batch.map((w) => w.event),
            new Date(),
          );
          // The same id twice in one commit: the first request stored it, the others are duplicates.
          for (const w of batch) w.resolve(inserted.delete(w.event.id));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.inFlight--;
    }
  }
}

const groupCommits = new WeakMap<HeraldDb, Map<string, GroupCommit>>();
function groupCommitFor(db: HeraldDb, workspaceId: string, source: string): GroupCommit {
  let byKey = groupCommits.get(db);
  if (!byKey) groupCommits.set(db, (byKey = new Map()));
  const key = `${workspaceId}|${source}`;
  let group = byKey.get(key);
  if (!group) byKey.set(key, (group = new GroupCommit(db, workspaceId, source)));
  return group;
}

/** Finds the contact an event names, creating it when named by external id or identity (identify-on-track). */
async function resolveContact(db: HeraldDb, workspaceId: string, c: EventInput['contact']): Promise<string> {
  if (c.id) {
    const [row] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from contacts where id = ${c.id}::uuid and workspace_id = ${workspaceId}::uuid`),
    );
    if (!row) throw notFound(`The contact ${c.id}`);
    return row.id;
  }
  if (c.identity) {
    const [found] = rowsOf<{ contact_id: string }>(
      await db.execute(
        sql`select contact_id from contact_identities where workspace_id = ${workspaceId}::uuid and kind = ${c.identity.kind} and value = ${c.identity.value} and channel_account_id is not distinct from ${c.identity.channelAccountId ?? null}::uuid`,
      ),
    );
    if (found) return found.contact_id;
  }
  const externalId = c.externalId ?? `${c.identity!.kind}:${c.identity!.value}`;
  const [contact] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into contacts (workspace_id, external_id, name) values (${workspaceId}::uuid, ${externalId}, ${c.name ?? ''})
    on conflict (workspace_id, external_id) do update set updated_at = contacts.updated_at returning id`),
  );
  if (c.identity) {
    await db.execute(sql`insert into contact_identities (workspace_id, contact_id, kind, channel_account_id, value)
      select ${workspaceId}::uuid, ${contact!.id}::uuid, ${c.identity.kind}, ${c.identity.channelAccountId ?? null}::uuid, ${c.identity.value}
      where ${c.identity.channelAccountId ?? null}::uuid is null or exists (select 1 from channel_accounts where id = ${c.identity.channelAccountId ?? null}::uuid and workspace_id = ${workspaceId}::uuid)
      on conflict do nothing`);
  }
  return contact!.id;
}

/**
 * Stores events durably and idempotently (unique per workspace, source, id): a repeated event is
 * accepted and ignored. Journeys are entered later by the drainer, at Temporal's pace.
 */
export async function ingestEvents(
  db: HeraldDb,
  workspaceId: string,
  source: string,
  events: readonly EventInput[],
  now: Date,
): Promise<{ accepted: number; duplicates: number }> {
  // Events that name their contact by external id only (the common API case) go in one statement.
  const isSimple = (e: EventInput): boolean =>
    Boolean(e.contact.externalId && !e.contact.id && !e.contact.identity && !opensInteractionWindow(e.type));
  const simple = events.filter(isSimple).map((e) => ({ ...e, occurredAt: e.occurredAt ?? now.toISOString() }));
  if (events.length === 1 && simple.length === 1) {
    const accepted = (await groupCommitFor(db, workspaceId, source).add(simple[0]!)) ? 1 : 0;
    if (accepted > 0) for (const listener of storedListeners) listener();
    return { accepted, duplicates: 1 - accepted };
  }
  let accepted = simple.length > 0 ? (await ingestByExternalId(db, workspaceId, source, simple, now)).size : 0;
  for (const event of events) {
    if (isSimple(event)) continue;
    const contactId = await resolveContact(db, workspaceId, event.contact);
    const inserted = rowsOf(
      await db.execute(sql`insert into inbound_events (workspace_id, source, external_id, type, contact_id, properties, occurred_at)
      values (${workspaceId}::uuid, ${source}, ${event.id}, ${event.type}, ${contactId}::uuid, ${JSON.stringify(event.properties)}::jsonb, ${event.occurredAt ?? now.toISOString()}::timestamptz)
      on conflict (workspace_id, source, external_id) do nothing returning id`),
    );
    accepted += inserted.length;
    const channelAccountId =
      typeof event.properties.channelAccountId === 'string'
        ? event.properties.channelAccountId
        : event.contact.identity?.channelAccountId;
    if (inserted.length > 0 && channelAccountId && opensInteractionWindow(event.type)) {
      await db.execute(sql`insert into contact_interactions (workspace_id, contact_id, channel_account_id, last_interaction_at, last_interaction_kind)
        select ${workspaceId}::uuid, ${contactId}::uuid, a.id, ${event.occurredAt ?? now.toISOString()}::timestamptz, ${event.type} from channel_accounts a where a.id = ${channelAccountId}::uuid and a.workspace_id = ${workspaceId}::uuid
        on conflict (contact_id, channel_account_id) do update set last_interaction_at = greatest(contact_interactions.last_interaction_at, excluded.last_interaction_at), last_interaction_kind = excluded.last_interaction_kind`);
    }
  }
  if (accepted > 0) for (const listener of storedListeners) listener();
  return { accepted, duplicates: events.length - accepted };
}

const storedListeners = new Set<() => void>();

/** Calls `listener` whenever events were stored (the drainer matches them at once instead of at its next tick); returns the unsubscribe. */
export function onEventsStored(listener: () => void): () => void {
  storedListeners.add(listener);
  return () => storedListeners.delete(listener);
}
