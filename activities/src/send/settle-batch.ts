import { ApplicationFailure } from '@temporalio/common';
import {
  applyKeptEmployeeActions,
  applyKeptResults,
  bumpCounters,
  claimKeptCallbacks,
  closeBatch,
  isConnectionLoss,
  recordTasks,
  lockBatch,
  recordOwnMessageIds,
  settleSharedBatches,
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
import { acceptedSlice, settleAccepted } from './settle-slice';

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

/** What settling counted (the counters' transitions) and how many rows left `sent`. */
export interface Settled {
  counted: Transitions;
  moved: { failed: number; skipped: number };
  /** A slice's settlement: whether its execution still held the batch when it locked it (`takeOver`). */
  held?: boolean;
}

/** A batch of a page with the provider's answer for its rows. */
export interface AnsweredBatch {
  batchId: number;
  members: readonly PageRow[];
  outcome: BatchOutcome;
  /** A slice's: the execution's holder id (null: the execution that recorded the batch), read back as `held`. */
  holder?: string | null;
}

/**
 * The message id every row of a settled batch shares — the common case: each row accepted, all under
 * one id, nothing left open, not handed to employees (whose rows wait as pending_employee), not a template
 * message (whose early job results are applied in its settlement) — else null.
 */
function sharedMessageId(members: readonly PageRow[], outcome: BatchOutcome, send: { method: string }): string | null {
  // Agent messages wait for their employee and template messages apply results that came first: each its own way.
  if (outcome.retryable || outcome.more || outcome.failure) return null;
  if (send.method === 'wecom_agent' || send.method === 'wechat_template') return null;
  const ok = outcome.results.filter((r): r is Extract<RecipientResult, { ok: true }> => r.ok);
  if (ok.length === 0 || ok.length !== members.length) return null;
  const id = ok[0]!.providerMessageId;
  return ok.every((r) => r.providerMessageId === id) ? id : null;
}

/**
 * Records the outcomes of a page's batches (one per variant), each once: those whose rows all share
 * one message id in one statement on the batches, the counters and the tasks, whatever their number
 * and size; the others in a transaction each. The provider has answered: its answers are recorded
 * even if the database is away for a while (a retry of the page would send them again).
 */
export async function settleBatches(
  db: ActivityDeps['db'],
  ids: CounterIds,
  batches: readonly AnsweredBatch[],
  now: Date,
  send: { channelAccountId: string; method: string },
): Promise<Settled> {
  const total: Settled = { counted: { sent: 0, failed: 0, skipped: 0 }, moved: { failed: 0, skipped: 0 } };
  const shared = batches.flatMap((b) => {
    const providerMessageId = sharedMessageId(b.members, b.outcome, send);
    return providerMessageId === null
      ? []
      : [
          {
            batchId: b.batchId,
            providerMessageId,
            sent: b.members.length,
            tasks: { ...ids, batchId: b.batchId, ...send, tasks: b.outcome.tasks, now },
          },
        ];
  });
  if (shared.length > 0) {
    // Receipts and mass job results the provider sent before this settlement recorded the ids are applied in its
    // transaction.
    const account = { workspaceId: ids.workspaceId, channelAccountId: send.channelAccountId };
    const settled = new Set(
      await untilRecorded(() =>
        db.transaction(async (txRaw) => {
          const tx = txRaw as unknown as typeof db;
          const done = await settleSharedBatches(tx, { ids, sentAt: now.toISOString(), batches: shared });
          const msgids = shared.filter((b) => done.includes(b.batchId)).map((b) => b.providerMessageId);
          const kept = await claimKeptCallbacks(tx, { ...account, msgids: { receipt: msgids, mass: msgids } });
          await applyKeptResults(tx, account, kept);
          return done;
        }),
      ),
    );
    for (const b of shared) if (settled.has(b.batchId)) total.counted.sent += b.sent;
  }
  const sharedIds = new Set(shared.map((b) => b.batchId));
  for (const b of batches.filter((x) => !sharedIds.has(x.batchId))) {
    const one = await untilRecorded(() => settleApart(db, ids, b, now, send));
    total.counted.sent += one.counted.sent;
    total.counted.failed += one.counted.failed;
    total.counted.skipped += one.counted.skipped;
    total.moved.failed += one.moved.failed;
    total.moved.skipped += one.moved.skipped;
    if (one.held !== undefined) total.held = one.held;
  }
  return total;
}

/**
 * Records a batch's (or a slice's) outcome once, only while the batch is still `sending` (a batch another
 * attempt settled counts nothing again). A slice every call of which was accepted — the common case of a
 * one-by-one send — takes two statements sent together (`settleAccepted`); else `settleBatches`. Returns
 * what it counted, how many rows left `sent`, and whether the execution (`holder`) still held the batch.
 */
export async function settleBatch(
  db: ActivityDeps['db'],
  ids: CounterIds,
  batch: { batchId: number; holder: string | null },
  members: readonly PageRow[],
  outcome: BatchOutcome,
  now: Date,
  send: { channelAccountId: string; method: string },
): Promise<Settled> {
  const ok = acceptedSlice(members, outcome, send);
  if (ok) {
    const slice = { ...batch, more: outcome.more === true };
    return untilRecorded(() => settleAccepted(db, ids, slice, ok, now, send));
  }
  return settleBatches(db, ids, [{ ...batch, members, outcome }], now, send);
}

/**
 * A batch whose rows do not share one outcome, in one transaction: failures move their rows; distinct
 * message ids go on their rows; the batch becomes `sent` (or `failed`). After a retryable error the
 * rows the provider already accepted leave the batch, settled on their own rows, and the batch stays
 * `sending` for the next attempt.
 */
async function settleApart(
  db: ActivityDeps['db'],
  ids: CounterIds,
  { batchId, members, outcome, holder }: AnsweredBatch,
  now: Date,
  send: { channelAccountId: string; method: string },
): Promise<Settled> {
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
  const account = { workspaceId: ids.workspaceId, channelAccountId: send.channelAccountId };
  // The accepted rows' message ids (a template message's result names its own; empty when nothing was accepted).
  const messageIds = ok.map((r) => r.providerMessageId);
  // The requests an employee may have answered already: named by their app message's id or Herald's reference.
  const requests = outcome.tasks.flatMap((t) =>
    toEmployee && t.messageId !== null ? [{ msgid: t.messageId, ref: t.deliveryId }] : [],
  );
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as typeof db;
    const batch = await lockBatch(tx, { batchId });
    const held = holder === undefined ? {} : { held: batch?.holder === holder };
    const none = { counted: { sent: 0, failed: 0, skipped: 0 }, moved: { failed: 0, skipped: 0 }, ...held };
    if (batch?.status !== 'sending') return none;
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
      const own = ok.map((r): [number, string] => [Number(r.key), r.providerMessageId]);
      const left = await recordOwnMessageIds(tx, { messageIds: own, toEmployee, open, batchId, sentAt: at });
      if (open) sent = left.length;
    }
    await recordTasks(tx, taskBatch);
    // What came before this settlement recorded the ids — employees' answers (agent messages), receipts, job
    // results (template messages, mass sends) — claimed under one pass over the ids' locks and applied once.
    const kept = await claimKeptCallbacks(tx, {
      channelAccountId: send.channelAccountId,
      msgids: {
        employee: requests.map((r) => r.msgid),
        receipt: messageIds,
        mass: messageIds,
        ...(resultsFirst ? { job: messageIds } : {}),
      },
      refs: requests.flatMap((r) => (r.ref === undefined ? [] : [String(r.ref)])),
    });
    // The employees' answers first: receipts and results move on from where they leave a row.
    await applyKeptEmployeeActions(tx, account, kept.employee);
    if (!open) {
      await closeBatch(tx, {
        batchId,
        status: ok.length > 0 ? 'sent' : 'failed',
        providerMessageId: shared,
        sentAt: at,
      });
    }
    await applyKeptResults(tx, account, kept);
    const counted = { sent, ...moved };
    // Closing the batch counts the rows its earlier slices settled (pending on the batch row) with its own.
    await bumpCounters(tx, ids, { ...counted, sent: sent + (open ? 0 : Number(batch.pendingSent)) });
    return { counted, moved, ...held };
  });
}
