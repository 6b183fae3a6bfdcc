import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { at, counter, oneOf, optionalRef, ownedBy, timestamps } from './columns';
import { inWorkspace, members, workspaceTable } from './workspaces';
import { channelAccounts } from './channels';
import { broadcastStatuses, broadcastTypes, journeyKinds, journeyStatuses, sendTypes } from '../enums';

export { journeyStatuses, journeyKinds, broadcastStatuses, broadcastTypes, sendTypes };

/** Who made and last changed a row a marketer edits (members, cleared when they go), and when. */
const editedBy = () => ({
  createdBy: optionalRef('created_by', () => members.id),
  updatedBy: optionalRef('updated_by', () => members.id),
  ...timestamps(),
});

/** A journey: its editable draft graph and a pointer to the version that runs. */
export const journeys = workspaceTable(
  'journeys',
  {
    name: text('name').notNull(),
    /** 'journey' for canvas journeys, 'broadcast' for the single-node journeys behind broadcasts. */
    kind: text('kind', { enum: journeyKinds }).notNull().default('journey'),
    status: text('status', { enum: journeyStatuses }).notNull().default('draft'),
    draftGraph: jsonb('draft_graph').$type<unknown>().notNull(),
    /** The version new entries start on; deleting a version (only ever with its journey) clears it. */
    currentVersionId: optionalRef('current_version_id', (): AnyPgColumn => journeyVersions.id),
    /** A repeating schedule's next occurrence (mirrored from its workflow for the pages); null otherwise. */
    nextRunAt: at('next_run_at'),
    ...editedBy(),
  },
  (t) => [
    index('journeys_workspace_status_idx').on(t.workspaceId, t.status),
    oneOf('journeys', t.kind, journeyKinds),
    oneOf('journeys', t.status, journeyStatuses),
  ],
);

/** An immutable published version: the graph as drawn and the compiled plan that runs. */
export const journeyVersions = workspaceTable(
  'journey_versions',
  {
    journeyId: ownedBy('journey_id', () => journeys.id),
    version: integer('version').notNull(),
    graph: jsonb('graph').$type<unknown>().notNull(),
    plan: jsonb('plan').$type<unknown>().notNull(),
    planSchemaVersion: integer('plan_schema_version').notNull(),
    publishedBy: optionalRef('published_by', () => members.id),
    publishedAt: at('published_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('journey_versions_journey_version_uq').on(t.journeyId, t.version)],
);

/** The list-page record of a broadcast (a single-node journey), as marketers see it. */
export const broadcasts = workspaceTable(
  'broadcasts',
  {
    journeyId: ownedBy('journey_id', () => journeys.id),
    name: text('name').notNull(),
    contentSummary: text('content_summary').notNull().default(''),
    channelAccountId: optionalRef('channel_account_id', () => channelAccounts.id),
    method: text('method').notNull(),
    type: text('type', { enum: broadcastTypes }).notNull().default('contacts'),
    sendType: text('send_type', { enum: sendTypes }).notNull(),
    sendAt: at('send_at'),
    /** A local-time send's time of day (HH:MM) in each contact's zone. */
    localTime: text('local_time'),
    status: text('status', { enum: broadcastStatuses }).notNull().default('pending'),
    /** Set for a timed message into one conversation (it is listed with the broadcasts). */
    conversationContactId: uuid('conversation_contact_id'),
    ...editedBy(),
  },
  (t) => [
    index('broadcasts_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('broadcasts_workspace_status_idx').on(t.workspaceId, t.status),
    // The list page searches names with ILIKE '%…%': only a trigram index serves an infix match.
    index('broadcasts_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    // …and their content, which the same search box matches.
    index('broadcasts_content_trgm_idx').using('gin', t.contentSummary.op('gin_trgm_ops')),
    oneOf('broadcasts', t.type, broadcastTypes),
    oneOf('broadcasts', t.sendType, sendTypes),
    oneOf('broadcasts', t.status, broadcastStatuses),
    check('broadcasts_timed_send_at_check', sql`${t.sendType} <> 'timed' or ${t.sendAt} is not null`),
    check('broadcasts_local_time_check', sql`${t.sendType} <> 'local_time' or ${t.localTime} is not null`),
  ],
);

export const runKinds = ['broadcast', 'journey'] as const;
export const runStatuses = ['pending', 'running', 'paused', 'canceled', 'completed', 'failed'] as const;

/** One execution of a plan version: a broadcast run, or the live run of a real-time journey. */
export const runs = workspaceTable(
  'runs',
  {
    journeyVersionId: ownedBy('journey_version_id', () => journeyVersions.id),
    broadcastId: uuid('broadcast_id').references(() => broadcasts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: runKinds }).notNull(),
    status: text('status', { enum: runStatuses }).notNull().default('pending'),
    workflowId: text('workflow_id'),
    total: counter('total'),
    sent: counter('sent'),
    delivered: counter('delivered'),
    failed: counter('failed'),
    skipped: counter('skipped'),
    /** Resume point of the audience scan, mirrored from the workflow for the list pages. */
    cursor: text('cursor'),
    /** A scheduled journey's occurrence this run is (its planned time); unique per version. */
    occurrenceAt: at('occurrence_at'),
    /**
     * A real-time run takes no new entries once a newer version is published; it ends when its
     * contacts are through.
     */
    closedAt: at('closed_at'),
    /**
     * The run's workflow is asleep (or not started) and new entries or events must wake it: set by the
     * workflow's last look before it sleeps, cleared by the one who wakes it. A busy run is not woken.
     */
    sleeping: boolean('sleeping').notNull().default(true),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
    ...timestamps(),
  },
  (t) => [
    index('runs_broadcast_idx').on(t.broadcastId),
    index('runs_version_idx').on(t.journeyVersionId),
    uniqueIndex('runs_occurrence_uq')
      .on(t.journeyVersionId, t.occurrenceAt)
      .where(sql`${t.occurrenceAt} is not null`),
    oneOf('runs', t.kind, runKinds),
    oneOf('runs', t.status, runStatuses),
  ],
);

/** The columns that place a row at one step of a run: its workspace, the run and the step's node id. */
export const atRunStep = () => ({
  workspaceId: inWorkspace(),
  runId: ownedBy('run_id', () => runs.id),
  nodeId: text('node_id').notNull(),
});
