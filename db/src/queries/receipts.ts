import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { deliveryIds, rowsOfMessages } from '../ledger';
import { rowsOf } from '../rows';
import { bumpCounters, type CounterIds } from './counters';
import { sentStatuses, statusIn } from './delivery-statuses';
import { keepEarlyCallbacks, lockMessageIds, type EarlyCallback } from './early-callbacks';

// What providers report after a send: receipts (delivered, read, replied) and WeChat's job results.
// A report only moves a row forward from `sent`, so repeats and reordering change nothing.

/** A provider's receipt for one recipient of one message. */
export interface Receipt {
  providerMessageId: string;
  recipient: string;
  type: 'delivered' | 'read' | 'replied';
  /** ISO 8601. */
  at: string;
}

// A receipt for an agent message still waiting for its employee says the employee sent it: it moves on too
// (the app's callback saying so may come after the receipt).
const receiptMoves = [...sentStatuses, 'pending_employee'] as const;
const goes: ReadonlySet<string> = new Set(receiptMoves);
const went = statusIn(sql`d.status`, receiptMoves);

/** Rank of a status among the receipt steps (0: not past `sent`). */
const receiptRank = sql`(case d.status when 'delivered' then 1 when 'read' then 2 when 'replied' then 3 else 0 end)`;

/** What a batch of receipts did: rows moved, and receipts kept for a message Herald has not recorded yet. */
export interface ReceiptsApplied {
  applied: number;
  held: number;
}

type Account = { workspaceId: string; channelAccountId: string };

/**
 * Applies an account's receipts to the rows they name (by message id, then recipient); returns how
 * many rows they moved or stamped, and how many it kept. A receipt naming a message id Herald has not
 * recorded yet (the provider was faster than the send's settlement) is kept (`early_callbacks`) and
 * applied by the settlement that records the id (`applyKeptReceipts`), whichever commits first: the two
 * meet under the id's lock. Known ids, the usual case, take no lock.
 */
export async function applyReceipts(
  db: HeraldDb,
  p: Account & { receipts: readonly Receipt[] },
): Promise<ReceiptsApplied> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const first = await playReceipts(tx, p, p.receipts);
    if (first.unrecorded.length === 0) return { applied: first.applied, held: 0 };
    const msgids = first.unrecorded.map((r) => r.providerMessageId);
    await lockMessageIds(tx, { channelAccountId: p.channelAccountId, msgids });
    const again = await playReceipts(tx, p, first.unrecorded);
    await keepEarlyCallbacks(tx, {
      channelAccountId: p.channelAccountId,
      source: 'receipt',
      callbacks: again.unrecorded.map((r) => ({
        workspaceId: p.workspaceId,
        msgid: r.providerMessageId,
        userid: r.recipient,
        action: r.type,
        at: r.at,
      })),
    });
    return { applied: first.applied + again.applied, held: again.unrecorded.length };
  });
}

/**
 * Applies the receipts a settlement claimed (`claimKeptCallbacks`: kept for the message ids it records;
 * in its transaction, after the ids are written and the employees' early answers applied): each once,
 * as if it came now. Returns how many rows they moved.
 */
export async function applyKeptReceipts(tx: HeraldDb, p: Account, kept: readonly EarlyCallback[]): Promise<number> {
  const receipts = kept.flatMap((c): Receipt[] =>
    c.action === 'delivered' || c.action === 'read' || c.action === 'replied'
      ? [{ providerMessageId: c.msgid, recipient: c.userid, type: c.action, at: c.at }]
      : [],
  );
  return (await playReceipts(tx, p, receipts)).applied;
}

/**
 * Moves the rows receipts name, in `tx`. Several receipts for one row are folded in the statement (an
 * UPDATE … FROM applies one source row per target row): the furthest step wins, each time the earliest.
 * Returns how many rows moved, and the receipts whose message id names no row of the account at all.
 */
async function playReceipts(
  tx: HeraldDb,
  p: Account,
  receipts: readonly Receipt[],
): Promise<{ applied: number; unrecorded: Receipt[] }> {
  if (receipts.length === 0) return { applied: 0, unrecorded: [] };
  const rows = await rowsOfMessages(
    tx,
    receipts.map((r) => r.providerMessageId),
    sql`d.workspace_id = ${p.workspaceId}::uuid and d.channel_account_id = ${p.channelAccountId}::uuid`,
  );
  const recorded = new Set(rows.map((r) => r.messageId));
  const rowOf = new Map(
    rows.filter((r) => goes.has(r.status)).map((r) => [`${r.messageId}\u0000${r.recipient}`, r.id]),
  );
  const matched = receipts.flatMap((r) => {
    const id = rowOf.get(`${r.providerMessageId}\u0000${r.recipient}`);
    return id === undefined ? [] : [{ i: id, t: r.type, a: r.at }];
  });
  const unrecorded = receipts.filter((r) => !recorded.has(r.providerMessageId));
  if (matched.length === 0) return { applied: 0, unrecorded };
  const moved = await tx.execute(sql`
    update deliveries d set
      status = case when x.k > ${receiptRank} then (array['delivered', 'read', 'replied'])[x.k] else d.status end,
      delivered_at = coalesce(d.delivered_at, x.first_at),
      read_at = case when x.read_at is not null then coalesce(d.read_at, x.read_at) else d.read_at end,
      replied_at = case when x.replied_at is not null then coalesce(d.replied_at, x.replied_at) else d.replied_at end
    from (
      select i, max(case t when 'delivered' then 1 when 'read' then 2 else 3 end) as k, min(a::timestamptz) as first_at,
        min(a::timestamptz) filter (where t in ('read', 'replied')) as read_at,
        min(a::timestamptz) filter (where t = 'replied') as replied_at
      from jsonb_to_recordset(${JSON.stringify(matched)}::jsonb) as y(i bigint, t text, a text) group by i
    ) x
    where d.id = x.i and ${went}
    returning d.id`);
  return { applied: rowsOf(moved).length, unrecorded };
}

/** Marks rows still `sent` delivered at `at` (their first delivery time is kept). */
export async function markDelivered(db: HeraldDb, p: { ids: readonly number[]; at: Date }): Promise<void> {
  if (p.ids.length === 0) return;
  await db.execute(sql`update deliveries d
    set status = 'delivered', delivered_at = coalesce(d.delivered_at, ${p.at.toISOString()}::timestamptz)
    where d.id = any(${deliveryIds(p.ids)}) and d.status = 'sent'`);
}

/**
 * Fails rows still `sent` with a code and message, and moves them from sent to failed in their
 * run's and node's counters (`bumpCounters`), in one transaction; returns how many moved.
 */
export async function failSent(
  db: HeraldDb,
  p: { ids: readonly number[]; errorCode: string; errorMessage: string },
): Promise<number> {
  if (p.ids.length === 0) return 0;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const moved = rowsOf<CounterIds & { n: number }>(
      await tx.execute(sql`
      with moved as (
        update deliveries d set status = 'failed', error_code = ${p.errorCode}, error_message = ${p.errorMessage}
        where d.id = any(${deliveryIds(p.ids)}) and d.status = 'sent' returning d.run_id, d.node_id)
      select r.workspace_id as "workspaceId", m.run_id as "runId", r.journey_version_id as "journeyVersionId",
        m.node_id as "nodeId", count(*)::int as n
      from moved m join runs r on r.id = m.run_id group by 1, 2, 3, 4`),
    );
    for (const { n, ...ids } of moved) await bumpCounters(tx, ids, { sent: -n, failed: n, skipped: 0 });
    return moved.reduce((sum, m) => sum + m.n, 0);
  });
}
