import {
  applyKeptResults,
  settleAcceptedSlice,
  settleAcceptedSliceAlone,
  type AcceptedSlice,
  type CounterIds,
  type PageRow,
} from '@herald/db';
import type { RecipientResult } from '@herald/channels';
import type { ActivityDeps } from '../deps';
import type { BatchOutcome, Settled } from './settle-batch';

type Accepted = Extract<RecipientResult, { ok: true }>;

/**
 * The accepted results of a one-by-one slice the common settlement takes — every row accepted with its
 * message id, no failure, nothing handed to employees — else null (the slice is settled the general way).
 */
export function acceptedSlice(
  members: readonly PageRow[],
  outcome: BatchOutcome,
  send: { method: string },
): Accepted[] | null {
  if (outcome.retryable || outcome.failure || outcome.tasks.length > 0 || send.method === 'wecom_agent') return null;
  const ok = outcome.results.filter((r): r is Accepted => r.ok);
  return ok.length > 0 && ok.length === outcome.results.length && ok.length === members.length ? ok : null;
}

/**
 * Settles a slice every call of which was accepted: in one transaction of two statements written at once with
 * its BEGIN and COMMIT (`settleAcceptedSliceAlone`) when no callback came before the ids; else in one of two
 * statements sent together (`settleAcceptedSlice`), applying the receipts and job results that came before the
 * ids were recorded. Reads whether `holder` still holds the batch under the settlement's lock: an execution that
 * no longer does stops before its next slice (the one another execution took over sends the rest).
 */
export async function settleAccepted(
  db: ActivityDeps['db'],
  ids: CounterIds,
  batch: { batchId: number; holder: string | null; more: boolean },
  ok: readonly Accepted[],
  now: Date,
  send: { channelAccountId: string; method: string },
): Promise<Settled> {
  const shared = ok.every((r) => r.providerMessageId === ok[0]!.providerMessageId) ? ok[0]!.providerMessageId : null;
  const msgids = ok.map((r) => r.providerMessageId);
  // A template message's job result may come before its id is recorded: the settlement applies those kept.
  const job = send.method === 'wechat_template' ? { job: msgids } : {};
  const account = { workspaceId: ids.workspaceId, channelAccountId: send.channelAccountId };
  const slice: AcceptedSlice = {
    ids,
    batchId: batch.batchId,
    // Rows leaving an open batch carry their own id; so do a closing batch's when they do not share one.
    messageIds: batch.more || shared === null ? ok.map((r) => [Number(r.key), r.providerMessageId]) : [],
    open: batch.more,
    shared,
    rows: ok.length,
    sentAt: now.toISOString(),
    claim: { channelAccountId: send.channelAccountId, msgids: { receipt: msgids, mass: msgids, ...job } },
  };
  const settledOf = (settled: { sent: number; holder: string | null | undefined }): Settled => ({
    counted: { sent: settled.sent, failed: 0, skipped: 0 },
    moved: { failed: 0, skipped: 0 },
    held: settled.holder === batch.holder,
  });
  const alone = await settleAcceptedSliceAlone(db, slice);
  if (alone) return settledOf(alone);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as typeof db;
    const settled = await settleAcceptedSlice(tx, slice);
    await applyKeptResults(tx, account, settled.kept);
    return settledOf(settled);
  });
}
