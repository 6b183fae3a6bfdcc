import type { LoadedAccount } from '@herald/channels';
import type { CohortPaths, SQL, Transitions, VariantChoice } from '@herald/db';
import type { Audience, SendData } from '@herald/engine';

// The input and result of `deliver` (deliver.ts), which account-quotas, member-rates and send-batch read too.

export interface DeliverInput {
  workspaceId: string;
  runId: string;
  journeyVersionId: string;
  nodeId: string;
  entrySeq: number;
  send: SendData;
  /**
   * The page: an audience between two ids (a broadcast's planned range), or with `states` a journey
   * step's due contacts between two ids (each row keyed by its arrival at the step).
   */
  page: {
    audience: Audience;
    cursor: string | null;
    until: string | null;
    limit: number;
    states?: { runId: string; nodeId: string; now: Date };
    /** Or a ledger cohort's contacts whose path ends at the step (see AudienceQuery.cohort). */
    cohort?: { runId: string; sendId: string; path: SQL; target: string; others?: readonly string[] };
    /** Contacts this holds for stay out of the page (a journey's holdout). */
    except?: SQL;
  };
  /** The account to send with instead of the node's channel account (a webhook step's own target). */
  account?: LoadedAccount;
  /** The page is a batch run's audience arriving at its first step: count its rows as entered there. */
  countEntered?: boolean;
  now: Date;
  /** A step with variants: how each row's variant is chosen (split by share, or the winner). */
  variants?: VariantChoice;
  /**
   * The page belongs to the set-based engine's run, whose contacts can wait at the step: rows beyond a
   * member's rate (WeCom app messages per employee) wait there for the next window. Without it (the
   * first engine's workflows) nothing is paced per member.
   */
  holdBack?: boolean;
  /** The journey the send belongs to and its own frequency cap (journey settings), if it has one. */
  journey?: { id: string; frequencyCap?: { limit: number; period: 'day' | 'week' | 'month' } | undefined };
}

export interface DeliverResult extends Transitions {
  /** Where every row of the page stands now (this attempt's work and any earlier attempt's). */
  page: Transitions;
  /** How many contacts (or group chats) the page held, and the last one's id. */
  processed: number;
  lastId: string | null;
  /** Of `processed`, contacts that wait at the step for their employee's app-message rate (no ledger row yet). */
  waiting: number;
  /**
   * How the page was recorded: `insert`, one plain insert; `careful`, a first attempt whose insert met rows
   * already written, recorded again and read back (it should almost never happen; counted in the metrics);
   * `retry`, a retried attempt, which always records again and reads back.
   */
  recordedBy: 'insert' | 'careful' | 'retry';
  /** A ledger cohort's page: its range's members counted by path (see RecordedPage.paths). */
  paths?: CohortPaths;
}
