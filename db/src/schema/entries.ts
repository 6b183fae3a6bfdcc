import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, bigId, counter, oneOf, optionalRef, ownedBy, workspaceId } from './columns';
import { inWorkspace } from './workspaces';
import { journeyVersions } from './journeys';
import { contacts } from './contacts';

/** `entered`: in the run's journey_states (set-based engine); `started`: a per-contact workflow of the first engine. */
export const entryStatuses = ['queued', 'entered', 'started', 'skipped', 'failed'] as const;

/**
 * The real-time entry backlog: events are accepted at database speed and drained into Temporal
 * at Temporal's rate (signalWithStart), so a burst becomes visible lag, never loss.
 */
export const journeyEntries = pgTable(
  'journey_entries',
  {
    id: bigId(),
    // Keyed to the version and the contact only: the version names the journey and the workspace (and
    // goes with them), and each key is a check per row written at the storm's rate.
    workspaceId: workspaceId(),
    journeyId: uuid('journey_id').notNull(),
    journeyVersionId: ownedBy('journey_version_id', () => journeyVersions.id),
    contactId: ownedBy('contact_id', () => contacts.id),
    eventId: text('event_id').notNull(),
    status: text('status', { enum: entryStatuses }).notNull().default('queued'),
    reason: text('reason'),
    enqueuedAt: at('enqueued_at').notNull().defaultNow(),
    startedAt: at('started_at'),
  },
  (t) => [
    uniqueIndex('journey_entries_event_uq').on(t.journeyId, t.contactId, t.eventId),
    // The queue: each version's entries still queued, in arrival order; entered ones leave it. As (status, id) over
    // every entry, a run took its queued entries by a scan of the primary key in id order past every entry already
    // entered (60,000 rows filtered per page at the end of a 60,000-follow storm): the statistics, taken while
    // most entries were queued, call status = 'queued' unselective.
    index('journey_entries_queue_idx')
      .on(t.journeyVersionId, t.id)
      .where(sql`${t.status} = 'queued'`),
    oneOf('journey_entries', t.status, entryStatuses),
  ],
);

/**
 * Per-node counters of a version (entered, waiting, sent, failed, skipped), updated by
 * activities as contacts pass: one row per (version, node) keeps the canvas's read cheap.
 */
export const nodeStats = pgTable(
  'node_stats',
  {
    workspaceId: inWorkspace(),
    journeyVersionId: ownedBy('journey_version_id', () => journeyVersions.id),
    nodeId: text('node_id').notNull(),
    entered: counter('entered'),
    waiting: counter('waiting'),
    sent: counter('sent'),
    failed: counter('failed'),
    skipped: counter('skipped'),
    /** Contacts who reached the journey's goal while at this step (and left there). */
    converted: counter('converted'),
  },
  (t) => [primaryKey({ columns: [t.journeyVersionId, t.nodeId] })],
);

/** Events from other systems and provider callbacks; idempotent on (workspace, source, external id). */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: bigId(),
    workspaceId: inWorkspace(),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    type: text('type').notNull(),
    contactId: optionalRef('contact_id', () => contacts.id),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: at('occurred_at').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
    processedAt: at('processed_at'),
  },
  (t) => [
    uniqueIndex('inbound_events_source_external_uq').on(t.workspaceId, t.source, t.externalId),
    index('inbound_events_contact_idx').on(t.contactId, t.occurredAt),
    index('inbound_events_unprocessed_idx')
      .on(t.id)
      .where(sql`processed_at is null`),
  ],
);
