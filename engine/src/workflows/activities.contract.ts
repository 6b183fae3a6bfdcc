// The activities the workflows call, as types only: workflows build proxies from this interface
// and the worker passes the real implementation (activities/src/create-activities.ts).
import type { Condition } from '../model/node.schema';

/** Counters a broadcast reports (progress query, run row, detail page). */
export interface SendCounts {
  processed: number;
  sent: number;
  failed: number;
  skipped: number;
}

export interface RunRef {
  workspaceId: string;
  runId: string;
}

export interface BroadcastPageInput extends RunRef {
  journeyVersionId: string;
  nodeId: string;
  /** Keyset cursor: the last contact id of the previous page (null: from the start). */
  cursor: string | null;
  /** The range's inclusive upper bound (null: to the end of the audience). */
  until?: string | null;
  pageSize: number;
  /** The workflow clock (ms since epoch): quota windows follow it. */
  now: number;
}
export interface BroadcastPageResult extends SendCounts {
  nextCursor: string | null;
}

export interface ContactStepInput extends RunRef {
  journeyVersionId: string;
  nodeId: string;
  contactId: string;
  /** Which entry of the contact this is (re-entry may pass a node again). */
  entrySeq: number;
  now: number;
}

export type SendOutcome = { status: 'sent' | 'failed' | 'skipped'; reason?: string };
export type VisitStatus = 'entered' | 'waiting' | 'left';

/** Contacts after `from` (null: from the start) up to and including `until` (null: to the end). */
export interface PageRange {
  from: string | null;
  until: string | null;
}

/** What pages of a run did, summed (a run's progress). */
export interface StepCounts {
  processed: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Send (and webhook) pages recorded through the ledger, for the worker's metrics. */
  sendPages?: number;
  /** Of those, first attempts whose one insert met rows already written (recorded again and read back). */
  carefulPages?: number;
  /** Of those, retried attempts (recorded again and read back by design). */
  retryPages?: number;
}

/** What one `advanceRun` did and what is left. */
export interface AdvanceResult extends StepCounts {
  /** Steps with more than a page due, planned into disjoint ranges for the workflow's lanes. */
  large: Array<{ nodeId: string; ranges: PageRange[] }>;
  /** Small steps still had due contacts when the call's time ran out: call again at once. */
  more: boolean;
  /** The next time a contact of the run is due (ms), null when none waits. */
  nextDueAt: number | null;
  /** Whether any contact is still in the run. */
  active: boolean;
  /** A real-time run closed to new entries (a newer version is live). */
  closed: boolean;
}

/** One page of a run's entry (a batch run's audience) or of one step, in a range. */
export interface RunPageInput {
  runId: string;
  cursor: string | null;
  until: string | null;
  pageSize: number;
  /** The workflow clock (ms). */
  now: number;
}

export interface HeraldActivities {
  /**
   * The set-based engine: marks a batch run running and counts who enters (its audience), or for a
   * real-time run just reads it; `entry` is the first step's kind.
   */
  openRun(input: { runId: string; now: number }): Promise<{
    total: number;
    mode: 'batch' | 'realtime';
    sendNodeIds: string[];
    /** A first send with variants and a winner: the test share enters first, the rest after the decision. */
    experiment?: { nodeId: string; afterMs: number };
  }>;
  /** Splits a batch run's audience after `after` into ranges of `pageSize` contacts (see planBroadcastRanges). */
  planEntryRanges(input: {
    runId: string;
    after: string | null;
    pageSize: number;
    maxRanges: number;
  }): Promise<{ boundaries: string[]; done: boolean }>;
  /**
   * One page of a batch run's audience enters its first step (a first send sends it at once). With an
   * experiment, `test` sends the variants to the test share and `rest` the recorded winner to the others.
   */
  enterRange(input: RunPageInput & { phase?: 'test' | 'rest' }): Promise<StepCounts & { nextCursor: string | null }>;
  /** Chooses and records the winner of a step's variants in a run (once; a retry returns the recorded one). */
  decideExperiment(input: { runId: string; nodeId: string; now: number }): Promise<{ winner: string }>;
  /** Moves the run's due contacts through every small step; plans the large ones (see AdvanceResult). */
  advanceRun(input: {
    runId: string;
    now: number;
    pageSize: number;
    maxRanges: number;
    budgetMs: number;
  }): Promise<AdvanceResult>;
  /** One range of a large step's due contacts. */
  runStepRange(input: RunPageInput & { nodeId: string }): Promise<StepCounts & { nextCursor: string | null }>;
  /**
   * A journey's repeating schedule: the live version's next occurrence after `after`, mirrored for
   * the pages (null `after`, or a journey no longer live and repeating: none, and the mirror cleared).
   */
  scheduleNext(input: { journeyId: string; after: number | null }): Promise<{ at: number | null }>;
  /**
   * Opens the run of one occurrence of a journey's schedule, once per occurrence time (null: the journey is no
   * longer live).
   */
  openOccurrence(input: {
    journeyId: string;
    occurrenceAt: number;
  }): Promise<{ runId: string; journeyVersionId: string } | null>;

  /** Marks a broadcast run running and counts its audience. */
  beginRun(input: RunRef & { now: number }): Promise<{ total: number }>;
  /**
   * Splits the audience after `after` into ranges of `pageSize` contacts: returns up to
   * `maxRanges` boundaries (every pageSize-th contact id), and whether the audience ends
   * within them (then one open range after the last boundary remains).
   */
  planBroadcastRanges(
    input: RunRef & {
      journeyVersionId: string;
      nodeId: string;
      after: string | null;
      pageSize: number;
      maxRanges: number;
    },
  ): Promise<{ boundaries: string[]; done: boolean }>;
  /** Resolves one page of the audience (within a range), reserves quota, records and sends it. */
  sendBroadcastPage(input: BroadcastPageInput): Promise<BroadcastPageResult>;
  /** Mirrors a run's status (paused, running, completed, canceled, failed) for the list pages. */
  setRunStatus(
    input: RunRef & { status: 'running' | 'paused' | 'completed' | 'canceled' | 'failed'; now: number },
  ): Promise<void>;
  /** The compiled plan of a version (JSON, as stored). */
  loadPlan(input: { journeyVersionId: string }): Promise<unknown>;
  /** Per-node counters for the canvas. */
  recordVisit(input: {
    workspaceId: string;
    journeyVersionId: string;
    nodeId: string;
    status: VisitStatus;
  }): Promise<void>;
  /** Sends a send node's messages to one contact (exactly once per entry). */
  sendToContact(input: ContactStepInput): Promise<SendOutcome>;
  /** Evaluates a split condition for one contact. */
  evaluateCondition(input: {
    workspaceId: string;
    contactId: string;
    condition: Condition;
    now: number;
  }): Promise<boolean>;
  /**
   * Reads the results of enterprise group messages (WeCom tasks employees confirm) into the
   * delivery rows; returns how many are still waiting for their employee. Other methods: 0.
   */
  collectGroupMessageResults(input: RunRef & { nodeId: string; now: number }): Promise<{ pending: number }>;
  /** Runs a tag / update_contact / webhook node for one contact. */
  runAction(input: ContactStepInput): Promise<void>;
}
