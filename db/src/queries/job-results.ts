import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOfMessages } from '../ledger';
import { keepEarlyCallbacks, lockMessageIds, type EarlyCallback, type EarlyCallbackSource } from './early-callbacks';
import { failSent, markDelivered } from './receipts';

// WeChat's job results: a template message's for its one fan (TEMPLATESENDJOBFINISH), a mass send's
// for the whole job (MASSSENDJOBFINISH). Either may come before Herald has recorded the message's id
// (the send's answer is settled after the platform acted on it): then it is kept, and the settlement
// that records the id applies it (early-callbacks.ts).

/** A template message's job result for its fan. */
export interface TemplateResult {
  msgid: string;
  openid: string;
  /** The platform's status: `success`, `failed:user block`, `failed: system failed`. */
  status: string;
  /** ISO 8601. */
  at: string;
}

/** A mass send's job result: the platform's counts for the whole job, no fan named. */
export interface MassResult {
  msgid: string;
  /** The fan WeChat posted it as (kept with it). */
  openid: string;
  /** `send success`, or `send fail` / `err(…)`. */
  status: string;
  /** Fans the platform failed to send to. */
  errorCount: number;
  /** ISO 8601. */
  at: string;
}

type Account = { workspaceId: string; channelAccountId: string };

/** The error code a failed result's status maps to: a fan who blocked the account is an invalid recipient. */
const failureCode = (status: string) =>
  /user block/i.test(status) ? 'HERALD_ERR_CHANNEL_INVALID_RECIPIENT' : 'HERALD_ERR_CHANNEL_UNAVAILABLE';

/** The account's rows the results' message ids name, and which of those ids are recorded at all. */
async function rowsNamed(tx: HeraldDb, p: Account, results: readonly { msgid: string }[]) {
  const rows = await rowsOfMessages(
    tx,
    results.map((r) => r.msgid),
    sql`d.workspace_id = ${p.workspaceId}::uuid and d.channel_account_id = ${p.channelAccountId}::uuid`,
  );
  return { rows, recorded: new Set(rows.map((r) => r.messageId)) };
}

/**
 * Moves each result's fan's row still `sent` (delivered, or failed with its counters moved); returns
 * the results whose message id names no row of the account at all (not recorded yet).
 */
async function playTemplateResults(tx: HeraldDb, p: Account, results: readonly TemplateResult[]) {
  const { rows, recorded } = await rowsNamed(tx, p, results);
  for (const r of results) {
    const ids = rows
      .filter((row) => row.messageId === r.msgid && row.recipient === r.openid && row.status === 'sent')
      .map((row) => row.id);
    if (r.status === 'success') await markDelivered(tx, { ids, at: new Date(r.at) });
    else await failSent(tx, { ids, errorCode: failureCode(r.status), errorMessage: `WeChat: ${r.status}` });
  }
  return results.filter((r) => !recorded.has(r.msgid));
}

/** Whether a mass send reached every fan (`send success`, no errors). */
const reachedAll = (r: MassResult) => r.status === 'send success' && r.errorCount === 0;

/**
 * A mass send that reached every fan (`send success`, no errors) marks all its rows still `sent`
 * delivered. A partial result names no fans, so its rows stay `sent` (its counts stay on its event).
 * Returns the results whose message id names no row of the account at all (not recorded yet).
 */
async function playMassResults(tx: HeraldDb, p: Account, results: readonly MassResult[]) {
  const { rows, recorded } = await rowsNamed(tx, p, results);
  for (const r of results) {
    if (!reachedAll(r)) continue;
    const ids = rows.filter((row) => row.messageId === r.msgid && row.status === 'sent').map((row) => row.id);
    await markDelivered(tx, { ids, at: new Date(r.at) });
  }
  return results.filter((r) => !recorded.has(r.msgid));
}

/**
 * Plays a callback's result in a transaction; one naming a message id Herald has not recorded is
 * played again under the id's lock (a settlement recording it has committed by then) and, still
 * unknown, kept for that settlement as `kept` says. Returns whether it was kept.
 */
async function playOrKeep<R extends { msgid: string }>(
  db: HeraldDb,
  p: Account & { source: EarlyCallbackSource; result: R },
  play: (tx: HeraldDb, p: Account, results: readonly R[]) => Promise<R[]>,
  kept: (r: R) => Omit<EarlyCallback, 'workspaceId'>,
): Promise<{ held: boolean }> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    if ((await play(tx, p, [p.result])).length === 0) return { held: false };
    await lockMessageIds(tx, { channelAccountId: p.channelAccountId, msgids: [p.result.msgid] });
    if ((await play(tx, p, [p.result])).length === 0) return { held: false };
    await keepEarlyCallbacks(tx, {
      channelAccountId: p.channelAccountId,
      source: p.source,
      callbacks: [{ workspaceId: p.workspaceId, ...kept(p.result) }],
    });
    return { held: true };
  });
}

/**
 * Applies a template message's result from the platform's callback, only forward from `sent`; kept
 * for the settlement that records its message id when it came first. Returns whether it was kept.
 */
export async function applyTemplateResult(
  db: HeraldDb,
  p: Account & { result: TemplateResult },
): Promise<{ held: boolean }> {
  return playOrKeep(db, { ...p, source: 'job' }, playTemplateResults, ({ msgid, openid, status, at }) => ({
    msgid,
    userid: openid,
    action: status === 'success' ? 'delivered' : 'failed',
    detail: status,
    at,
  }));
}

/**
 * Applies a mass send's result from the platform's callback: a clean one delivers the job's rows still
 * `sent`; kept for the settlement that records its message id when it came first (a partial one moves
 * nothing, so it is not kept). Returns whether it was kept.
 */
export async function applyMassResult(db: HeraldDb, p: Account & { result: MassResult }): Promise<{ held: boolean }> {
  if (!reachedAll(p.result)) return { held: false };
  return playOrKeep(db, { ...p, source: 'mass' }, playMassResults, ({ msgid, openid, status, at }) => ({
    msgid,
    userid: openid,
    action: 'delivered',
    detail: status,
    at,
  }));
}

/**
 * Applies the template results a settlement claimed (`claimKeptCallbacks`, in its transaction, after the
 * ids are written on their rows or batch): each once, as if it came now.
 */
export async function applyKeptTemplateResults(
  tx: HeraldDb,
  p: Account,
  kept: readonly EarlyCallback[],
): Promise<void> {
  if (kept.length === 0) return;
  const results = kept.map((c) => ({ msgid: c.msgid, openid: c.userid, status: c.detail ?? 'success', at: c.at }));
  await playTemplateResults(tx, p, results);
}

/** Applies the mass results a settlement claimed (as `applyKeptTemplateResults`): each delivers its job's rows. */
export async function applyKeptMassResults(tx: HeraldDb, p: Account, kept: readonly EarlyCallback[]): Promise<void> {
  if (kept.length === 0) return;
  const results = kept.map((c) => ({
    msgid: c.msgid,
    openid: c.userid,
    status: c.detail ?? '',
    errorCount: 0,
    at: c.at,
  }));
  await playMassResults(tx, p, results);
}
