import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOfMessages } from '../ledger';
import { claimEarlyCallbacks, keepEarlyCallbacks, lockMessageIds } from './early-callbacks';
import { failSent, markDelivered } from './receipts';

// WeChat's result for a template message sent to one fan (the TEMPLATESENDJOBFINISH event). It may
// come before Herald has recorded the message's id (the send's answer is settled after the platform
// acted on it): then it is kept, and the settlement that records the id applies it (early-callbacks.ts).

/** A template message's job result for its fan. */
export interface TemplateResult {
  msgid: string;
  openid: string;
  /** The platform's status: `success`, `failed:user block`, `failed: system failed`. */
  status: string;
  /** ISO 8601. */
  at: string;
}

/** The error code a failed result's status maps to: a fan who blocked the account is an invalid recipient. */
const failureCode = (status: string) =>
  /user block/i.test(status) ? 'HERALD_ERR_CHANNEL_INVALID_RECIPIENT' : 'HERALD_ERR_CHANNEL_UNAVAILABLE';

/**
 * Moves each result's fan's row still `sent` (delivered, or failed with its counters moved); returns
 * the results whose message id names no row of the account at all (not recorded yet).
 */
async function applyResults(
  tx: HeraldDb,
  p: { workspaceId: string; channelAccountId: string },
  results: readonly TemplateResult[],
): Promise<TemplateResult[]> {
  const rows = await rowsOfMessages(
    tx,
    results.map((r) => r.msgid),
    sql`d.workspace_id = ${p.workspaceId}::uuid and d.channel_account_id = ${p.channelAccountId}::uuid`,
  );
  const recorded = new Set(rows.map((r) => r.messageId));
  for (const r of results) {
    const ids = rows
      .filter((row) => row.messageId === r.msgid && row.recipient === r.openid && row.status === 'sent')
      .map((row) => row.id);
    if (r.status === 'success') await markDelivered(tx, { ids, at: new Date(r.at) });
    else await failSent(tx, { ids, errorCode: failureCode(r.status), errorMessage: `WeChat: ${r.status}` });
  }
  return results.filter((r) => !recorded.has(r.msgid));
}

/**
 * Applies a template message's result from the platform's callback, only forward from `sent`. A
 * result naming a message id Herald has not recorded is looked for again under the id's lock (a
 * settlement recording it has committed by then) and, still unknown, kept for that settlement.
 * Returns whether it was kept.
 */
export async function applyTemplateResult(
  db: HeraldDb,
  p: { workspaceId: string; channelAccountId: string; result: TemplateResult },
): Promise<{ held: boolean }> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    if ((await applyResults(tx, p, [p.result])).length === 0) return { held: false };
    await lockMessageIds(tx, { channelAccountId: p.channelAccountId, msgids: [p.result.msgid] });
    if ((await applyResults(tx, p, [p.result])).length === 0) return { held: false };
    const { msgid, openid, status, at } = p.result;
    await keepEarlyCallbacks(tx, {
      channelAccountId: p.channelAccountId,
      source: 'job',
      callbacks: [
        {
          workspaceId: p.workspaceId,
          msgid,
          userid: openid,
          action: status === 'success' ? 'delivered' : 'failed',
          detail: status,
          at,
        },
      ],
    });
    return { held: true };
  });
}

/**
 * Applies the template results kept for message ids a settlement is recording (in its transaction,
 * after the ids are written on their rows or batch): each once, as if it came now.
 */
export async function applyEarlyTemplateResults(
  tx: HeraldDb,
  p: { workspaceId: string; channelAccountId: string; msgids: readonly string[] },
): Promise<void> {
  const kept = await claimEarlyCallbacks(tx, { ...p, source: 'job' });
  if (kept.length === 0) return;
  await applyResults(
    tx,
    p,
    kept.map((c) => ({ msgid: c.msgid, openid: c.userid, status: c.detail ?? 'success', at: c.at })),
  );
}
