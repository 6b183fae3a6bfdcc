import { z } from 'zod';
import {
  addIdentity,
  contactExists,
  findContactByIdentity,
  ensureContact,
  identityKinds,
  recordInteraction,
  storeEvent,
  storeEventsByExternalId,
  storeEventsByIdentity,
  isUuid,
  type ExternalEvent,
  type IdentityEvent,
  type HeraldDb,
} from '@herald/db';
import { opensInteractionWindow } from '@herald/engine';
import { notFound } from '../errors/herald-error';
import { GroupCommit, groupCommitOf } from './group-commit';

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

type Kind = 'external' | 'identity';
/** The group commit of a (workspace, source) for events named by external id or by identity. */
function groupCommitFor(
  db: HeraldDb,
  workspaceId: string,
  source: string,
  kind: Kind,
): GroupCommit<EventInput, boolean> {
  return groupCommitOf(db, `events|${workspaceId}|${source}|${kind}`, () => {
    const now = () => new Date();
    const store = (events: EventInput[]) =>
      kind === 'external'
        ? storeEventsByExternalId(db, { workspaceId, source, events: events.map((e) => externalEvent(e, now())) })
        : storeEventsByIdentity(db, { workspaceId, source, events: events.map((e) => identityEvent(e, now())) });
    return new GroupCommit(async (events: EventInput[]) => {
      const inserted = await store(events);
      // The same id twice in one commit: the first request stored it, the others are duplicates.
      return events.map((e) => inserted.delete(e.id));
    });
  });
}

/** An event named by identity only, as the batch statement stores it (see `storeEventsByIdentity`). */
function identityEvent(e: EventInput, now: Date): IdentityEvent {
  const identity = e.contact.identity!;
  const account =
    typeof e.properties.channelAccountId === 'string' ? e.properties.channelAccountId : identity.channelAccountId;
  return {
    id: e.id,
    type: e.type,
    kind: identity.kind,
    value: identity.value,
    channelAccountId: identity.channelAccountId ?? null,
    name: e.contact.name ?? '',
    properties: e.properties,
    occurredAt: e.occurredAt ?? now.toISOString(),
    opensWindowOn: account && isUuid(account) && opensInteractionWindow(e.type) ? account : null,
  };
}

/** Finds the contact an event names, creating it when named by external id or identity (identify-on-track). */
async function resolveContact(db: HeraldDb, workspaceId: string, c: EventInput['contact']): Promise<string> {
  if (c.id) {
    if (!(await contactExists(db, { workspaceId, contactId: c.id }))) throw notFound(`The contact ${c.id}`);
    return c.id;
  }
  const identity = c.identity && { ...c.identity, channelAccountId: c.identity.channelAccountId ?? null };
  if (identity) {
    // An identity imported without its account is bound to the first account that reports it.
    const found = await findContactByIdentity(db, { workspaceId, ...identity });
    if (found) return found;
  }
  const externalId = c.externalId ?? `${identity!.kind}:${identity!.value}`;
  const contactId = await ensureContact(db, { workspaceId, externalId, name: c.name ?? '' });
  if (identity) await addIdentity(db, { workspaceId, contactId, ...identity });
  return contactId;
}

/** An event named by external id, as the batch statement stores it. */
const externalEvent = (e: EventInput, now: Date): ExternalEvent => ({
  id: e.id,
  type: e.type,
  externalId: e.contact.externalId!,
  name: e.contact.name ?? '',
  properties: e.properties,
  occurredAt: e.occurredAt ?? now.toISOString(),
});

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
  // Events that name their contact by external id only (the common API case), or by an identity
  // only (a provider's callback), go in set-based statements; one per request shares a group commit.
  const isSimple = (e: EventInput): boolean =>
    Boolean(e.contact.externalId && !e.contact.id && !e.contact.identity && !opensInteractionWindow(e.type));
  const byIdentity = (e: EventInput): boolean => Boolean(e.contact.identity && !e.contact.id && !e.contact.externalId);
  if (events.length === 1 && (isSimple(events[0]!) || byIdentity(events[0]!))) {
    const kind: Kind = isSimple(events[0]!) ? 'external' : 'identity';
    const accepted = (await groupCommitFor(db, workspaceId, source, kind).add(events[0]!)) ? 1 : 0;
    if (accepted > 0) for (const listener of storedListeners) listener();
    return { accepted, duplicates: 1 - accepted };
  }
  const simple = events.filter(isSimple).map((e) => ({ ...e, occurredAt: e.occurredAt ?? now.toISOString() }));
  let accepted =
    simple.length > 0
      ? (await storeEventsByExternalId(db, { workspaceId, source, events: simple.map((e) => externalEvent(e, now)) }))
          .size
      : 0;
  const named = events.filter(byIdentity);
  if (named.length > 0)
    accepted += (
      await storeEventsByIdentity(db, { workspaceId, source, events: named.map((e) => identityEvent(e, now)) })
    ).size;
  for (const event of events) {
    if (isSimple(event) || byIdentity(event)) continue;
    const contactId = await resolveContact(db, workspaceId, event.contact);
    const occurredAt = event.occurredAt ?? now.toISOString();
    const stored = await storeEvent(db, {
      workspaceId,
      source,
      id: event.id,
      type: event.type,
      contactId,
      properties: event.properties,
      occurredAt,
    });
    if (stored) accepted++;
    const channelAccountId =
      typeof event.properties.channelAccountId === 'string'
        ? event.properties.channelAccountId
        : event.contact.identity?.channelAccountId;
    if (stored && channelAccountId && opensInteractionWindow(event.type))
      await recordInteraction(db, { workspaceId, contactId, channelAccountId, at: occurredAt, kind: event.type });
  }
  if (accepted > 0) for (const listener of storedListeners) listener();
  return { accepted, duplicates: events.length - accepted };
}

const storedListeners = new Set<() => void>();

/**
 * Calls `listener` whenever events were stored (the drainer matches them at once instead of at its next tick); returns
 * the unsubscribe.
 */
export function onEventsStored(listener: () => void): () => void {
  storedListeners.add(listener);
  return () => storedListeners.delete(listener);
}
