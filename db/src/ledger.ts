import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from './client';

/*
 * What a delivery row shows, read through its batch (see `delivery_batches`): rows are written
 * `sent` with their batch before the provider call, and the outcome they share (acknowledged,
 * one provider message id, when) is written once on the batch. Queries alias the row `d` and
 * join its batch as `b`.
 */

/** Joins a delivery row `d` to its batch `b`. */
export const deliveryBatchJoin: SQL = sql`left join delivery_batches b on b.id = d.batch_id`;

/** The row's status as the user sees it: `sending` until its batch's call is acknowledged. */
export const deliveryStatus: SQL = sql`(case when d.status = 'sent' and b.status = 'sending' then 'sending' else d.status end)`;

/** When the row's message went out (its own time, or its batch's). */
export const deliverySentAt: SQL = sql`coalesce(d.sent_at, b.sent_at)`;

/**
 * Ids of the delivery rows a provider message id names: rows that carry it themselves, and the
 * rows of batches that carry it (found by the batch's id range: no index on `batch_id`).
 */
export function rowsOfMessage(messageId: SQL): SQL {
  return sql`(select m.id from deliveries m where m.provider_message_id = ${messageId}
    union all
    select m.id from delivery_batches mb join deliveries m on m.id between mb.first_row_id and mb.last_row_id and m.batch_id = mb.id
    where mb.provider_message_id = ${messageId} and m.provider_message_id is null)`;
}

/**
 * Plan settings (one transaction) for statements over a bounded set of delivery rows — a page, a
 * provider message's rows, a page of receipts: index probes and nested loops only, no JIT. Left to
 * itself the planner hashes a tag's whole membership for a 10,000-row page, and with statistics taken
 * before a broadcast (a fresh `delivery_batches`, a young `deliveries`) it planned a message's rows
 * as a scan of the whole ledger per receipt — minutes for one WeCom results page at 100,000 contacts.
 * A select-list fragment, so a caller can take locks in the same round trip.
 */
export const indexProbeSettings: SQL = sql`set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true), set_config('jit', 'off', true)`;

/** Runs `work` in a transaction with `indexProbeSettings`. */
export async function withIndexProbes<T>(db: HeraldDb, work: (tx: HeraldDb) => Promise<T>): Promise<T> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    await tx.execute(sql`select ${indexProbeSettings}`);
    return work(tx);
  });
}
