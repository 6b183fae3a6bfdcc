import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgSequence, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at, oneOf, ownedBy, workspaceId } from './columns';
import { inWorkspace } from './workspaces';
import { journeyVersions, runs } from './journeys';
import { contacts } from './contacts';

/**
 * Numbers every arrival of a contact at a step: a send keys its ledger rows by it, so a loop back
 * to a send sends again.
 */
export const journeyVisitSeq = pgSequence('journey_visit_seq', { cache: 1000 });

export const journeyStateStatuses = ['active', 'done', 'exited', 'held_out'] as const;

/** One entry of a contact into a run: the key of its state and of its conversion. */
const entryKey = () => ({
  runId: ownedBy('run_id', () => runs.id),
  contactId: ownedBy('contact_id', () => contacts.id),
  /** The entry (journey_entries.id for real-time entries; 0 for a batch run's audience). */
  entrySeq: bigint('entry_seq', { mode: 'number' }).notNull(),
});

/**
 * Where each contact of a journey run stands: one row per (run, contact, entry), moved from step
 * to step by set-based statements (a page of contacts per statement), never one workflow per
 * contact. `active` rows are at `node_id` and due at `due_at` (when the run's workflow should next
 * look at them: now on arrival, a wake-up time while they wait). Finished rows stay (`done`, or
 * `exited` by an exit step or the goal) so that a retried entry can never enter a contact twice.
 */
export const journeyStates = pgTable(
  'journey_states',
  {
    // One foreign key, to the contact: each is a lookup and a row lock per row written — measured, 100,000
    // rows took 4.0–4.4 s to insert with keys to the run and the contact, 1.0–1.2 s with none (200,000
    // earlier: 11.5 s with four keys, 6.8 s with two). The contact's stays: a page that enters a contact
    // merged away meanwhile fails and is retried, where a state without its contact would stay at a send
    // forever. The run's cascade is done where a workspace or a journey goes (docs/ARCHITECTURE.md).
    workspaceId: workspaceId(),
    runId: uuid('run_id').notNull(),
    contactId: ownedBy('contact_id', () => contacts.id),
    /** The entry (journey_entries.id for real-time entries; 0 for a batch run's audience). */
    entrySeq: bigint('entry_seq', { mode: 'number' }).notNull(),
    journeyVersionId: uuid('journey_version_id').notNull(),
    nodeId: text('node_id').notNull(),
    status: text('status', { enum: journeyStateStatuses }).notNull().default('active'),
    /** This arrival's number (journey_visit_seq); a send's ledger rows carry it as their entry_seq. */
    visit: bigint('visit', { mode: 'number' })
      .notNull()
      .default(sql`nextval('journey_visit_seq')`),
    enteredAt: at('entered_at').notNull(),
    /** When the contact entered the run (its goal's attribution window starts here). */
    joinedAt: at('joined_at').notNull().defaultNow(),
    /** When the workflow next looks at the row; null once finished. */
    dueAt: at('due_at'),
    /** The event a wait-for-event step waits for (set when the contact starts waiting). */
    awaiting: text('awaiting'),
    /** When the awaited event arrived (the step then takes its "event" output). */
    eventAt: at('event_at'),
    /** When the journey's goal event arrived (the contact leaves at its next step). */
    goalAt: at('goal_at'),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.contactId, t.entrySeq] }),
    // What is due in a run, in time order; finished rows leave it.
    index('journey_states_due_idx')
      .on(t.runId, t.dueAt)
      .where(sql`${t.status} = 'active'`),
    // Who is at a step, in the order its pages take them (contact, entry); finished rows leave it. Without it a
    // step's page read a range of the primary key, every finished row of the run in it: a real-time run keeps its
    // history, and each page of a 60,000-follow storm filtered up to 56,000 rows more than the one before.
    index('journey_states_step_idx')
      .on(t.runId, t.nodeId, t.contactId, t.entrySeq)
      .where(sql`${t.status} = 'active'`),
    oneOf('journey_states', t.status, journeyStateStatuses),
  ],
);

/**
 * A goal reached within the attribution window after a contact entered a run (or, in a broadcast,
 * received its message): once per (run, contact, entry), attributed to the last message step before
 * the event (null: none had reached them, e.g. the holdout).
 */
export const conversions = pgTable(
  'conversions',
  {
    workspaceId: inWorkspace(),
    ...entryKey(),
    journeyVersionId: ownedBy('journey_version_id', () => journeyVersions.id),
    eventId: text('event_id').notNull(),
    convertedAt: at('converted_at').notNull(),
    nodeId: text('node_id'),
    heldOut: boolean('held_out').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.contactId, t.entrySeq] }),
    index('conversions_version_idx').on(t.journeyVersionId),
  ],
);

/**
 * A batch run's ledger cohort (engine/src/plan/ledger-cohort.ts): the contacts one entry page sent its first
 * message to, waiting out the wait after it with no state rows — the send's ledger rows of the page's range,
 * (`after`, `until`], are their state. One row per entry page (its key is the page's cursor, so a retried page
 * opens nothing twice); `members` is what the wait's counters were given for it. `doneAt` is set by the
 * statement that routes the last of them on.
 */
export const journeyCohorts = pgTable(
  'journey_cohorts',
  {
    workspaceId: workspaceId(),
    runId: ownedBy('run_id', () => runs.id),
    journeyVersionId: uuid('journey_version_id').notNull(),
    /** The wait the cohort keeps. */
    nodeId: text('node_id').notNull(),
    /** The entry page's cursor: its range starts after it ('' for the first page). */
    afterId: text('after_id').notNull(),
    /** The range's inclusive end. */
    untilId: uuid('until_id').notNull(),
    dueAt: at('due_at').notNull(),
    members: integer('members').notNull(),
    doneAt: at('done_at'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.nodeId, t.afterId] })],
);
