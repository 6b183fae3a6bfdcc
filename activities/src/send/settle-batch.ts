import { ApplicationFailure } from '@temporalio/common';
import {
  applyEarlyEmployeeActions,
  applyEarlyTemplateResults,
  bumpCounters,
  closeBatch,
  isConnectionLoss,
  recordTasks,
  lockBatch,
  recordOwnMessageIds,
  settleSharedBatch,
  transition,
  type CounterIds,
  type NewTask,
  type Outcome,
  type PageRow,
  type TaskBatch,
  type Transitions,
} from '@herald/db';
import type { SkipReason } from '@herald/engine';
import type { ChannelError, RecipientResult } from '@herald/channels';
import type { ActivityDeps } from '../deps';
import { heartbeat } from './heartbeating';

/** How many calls of a method without provider dedup go out before their results are recorded (its in-flight limit). */
export const SETTLE_SLICE = 16;

/**
 * Runs `record` until it succeeds while the database is unreachable (restarting, failing over), for up
 * to two minutes, heartbeating; other errors are thrown at once. `record` must be safe to run again.
 */
export async function untilRecorded<T>(record: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + 120_000;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    try {
      return await record();
    } catch (error) {
      if (!isConnectionLoss(error) || Date.now() > giveUpAt) throw error;
      heartbeat({ waitingForDatabase: true });
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** Hands a retryable provider failure to Temporal, with the provider's delay when it gave one. */
export function throwRetryable(e: ChannelError): never {
  throw ApplicationFailure.create({
    type: e.code,
    message: e.message,
    nonRetryable: false,
    ...(e.retryAfterMs ? { nextRetryDelay: e.retryAfterMs } : {}),
  });
}

/** Refusals that are a rule's skip, not a failure: the window was closed, the personalised text too long. */
const skipReasonOf: Partial<Record<string, SkipReason>> = {
  HERALD_ERR_CHANNEL_WINDOW_CLOSED: 'window_closed',
  HERALD_ERR_MESSAGE_TOO_LONG: 'too_long',
};

export interface BatchOutcome {
  /** What each employee was asked to send (WeCom's methods through owners). */
  tasks: NewTask[];
  results: RecipientResult[];
  /** A non-retryable error for every row of the batch without a result. */
  failure?: ChannelError;
  /** A retryable error: rows without a result stay in the batch for the next attempt. */
  retryable?: ChannelError;
  /** More rows of the batch follow: the answered rows settle on their own and the batch stays open. */
  more?: boolean;
}

/**
 * Records a batch's outcome once, only while the batch is still `sending` (a batch another
 * attempt settled counts nothing again). When every row was accepted with one message id — the
 * common case — that is one statement on the batch and the counters, whatever the batch's size.
 * Otherwise, in one transaction: failures move their rows; distinct message ids go on their rows;
 * the batch becomes `sent` (or `failed`). After a retryable error the rows the provider already
 * accepted leave the batch, settled on their own rows, and the batch stays `sending` for the next
 * attempt. Returns what it counted and how many rows left `sent`.
 */
export async function settleBatch(
  db: ActivityDeps['db'],
  ids: CounterIds,
  batchId: number,
  members: readonly PageRow[],
  outcome: BatchOutcome,
  now: Date,
  send: { channelAccountId: string; method: string },
): Promise<{ counted: Transitions; moved: { failed: number; skipped: number } }> {
  const ok = outcome.results.filter((r): r is Extract<RecipientResult, { ok: true }> => r.ok);
  const shared =
    ok.length > 0 && ok.every((r) => r.providerMessageId === ok[0]!.providerMessageId)
      ? ok[0]!.providerMessageId
      : null;
  const at = now.toISOString();
  // The batch stays `sending` (for a retry, or for the rows still to go); answered rows leave it.
  const open = outcome.retryable !== undefined || outcome.more === true;
  const taskBatch: TaskBatch = { ...ids, batchId, ...send, tasks: outcome.tasks, now };
  // An agent message is handed to an employee, who has not sent it yet: its row says so (pending_employee).
  const toEmployee = send.method === 'wecom_agent';
  // A template message's job result may come before its id is recorded: the settlement applies those kept.
  const resultsFirst = send.method === 'wechat_template';
  if (!open && !outcome.failure && ok.length === members.length && shared !== null && !toEmployee && !resultsFirst) {
    const n = await settleSharedBatch(db, {
      ids,
      batchId,
      providerMessageId: shared,
      sentAt: at,
      sent: ok.length,
      tasks: taskBatch,
    });
    return { counted: { sent: n ? ok.length : 0, failed: 0, skipped: 0 }, moved: { failed: 0, skipped: 0 } };
  }
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as typeof db;
    const none = { counted: { sent: 0, failed: 0, skipped: 0 }, moved: { failed: 0, skipped: 0 } };
    if ((await lockBatch(tx, { batchId })) !== 'sending') return none;
    const failures: Outcome[] = outcome.results
      .filter((r): r is Extract<RecipientResult, { ok: false }> => !r.ok)
      .map((r) => {
        const skipReason = skipReasonOf[r.error.code] ?? null;
        return {
          id: Number(r.key),
          status: skipReason ? 'skipped' : 'failed',
          skipReason,
          errorCode: r.error.code,
          errorMessage: r.error.message,
        };
      });
    if (outcome.failure) {
      const answered = new Set(outcome.results.map((r) => Number(r.key)));
      const failure = outcome.failure;
      failures.push(
        ...members
          .filter((r) => !answered.has(r.id))
          .map((r) => ({
            id: r.id,
            status: 'failed' as const,
            errorCode: failure.code,
            errorMessage: failure.message,
          })),
      );
    }
    const transitions = await transition(tx, ['sent'], failures);
    const moved = {
      failed: transitions.filter((m) => m.status === 'failed').length,
      skipped: transitions.filter((m) => m.status === 'skipped').length,
    };
    let sent = ok.length;
    if (open || (ok.length > 0 && shared === null) || (toEmployee && ok.length > 0)) {
      // Accepted rows that cannot share the batch's outcome carry their own (agent messages: waiting for the
      // employee). Leaving an open batch, a row is counted once: the batch_id test makes recording the same
      // answers again count nothing.
      const messageIds = ok.map((r): [number, string] => [Number(r.key), r.providerMessageId]);
      const left = await recordOwnMessageIds(tx, { messageIds, toEmployee, open, batchId, sentAt: at });
      if (open) sent = left.length;
    }
    await recordTasks(tx, taskBatch);
    // Employees who answered before this settlement recorded their app messages' ids: applied now, once.
    if (toEmployee)
      await applyEarlyEmployeeActions(tx, {
        workspaceId: ids.workspaceId,
        channelAccountId: send.channelAccountId,
        msgids: outcome.tasks.flatMap((t) => (t.messageId === null ? [] : [t.messageId])),
      });
    if (!open) {
      await closeBatch(tx, {
        batchId,
        status: ok.length > 0 ? 'sent' : 'failed',
        providerMessageId: shared,
        sentAt: at,
      });
    }
    if (resultsFirst && ok.length > 0)
      await applyEarlyTemplateResults(tx, {
        workspaceId: ids.workspaceId,
        channelAccountId: send.channelAccountId,
        msgids: ok.map((r) => r.providerMessageId),
      });
    const counted = { sent, ...moved };
    await bumpCounters(tx, ids, counted);
    return { counted, moved };
  });
}
