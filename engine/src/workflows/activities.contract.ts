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

export interface HeraldActivities {
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
