import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from './client';
import { rowsOf } from './rows';

/*
 * What a delivery row shows, read through its batch (see `delivery_batches`): rows are written
 * `sent` with their batch before the provider call, and the outcome they share (acknowledged,
 * one provider message id, when) is written once on the batch. Queries alias the row `d` and
 * join its batch as `b`.
 */

/** Delivery row ids as one bigint[] literal parameter: the planner sees a real array and uses the primary key. */
export const deliveryIds = (ids: readonly number[]): SQL =>
  sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::bigint[]`;

/** Joins a delivery row `d` to its batch `b`. */
export const deliveryBatchJoin: SQL = sql`left join delivery_batches b on b.id = d.batch_id`;

/**
 * The row's status as the user sees it: `sending` until its batch's call is acknowledged; a WeCom
 * group message whose task exists but whose employee has not confirmed it (stored `sent` until the
 * platform's results move it) is `pending_employee`, as an agent message waiting for its employee is.
 */
export const deliveryStatus: SQL = sql`(case when d.status = 'sent' and b.status = 'sending' then 'sending'
  when d.status = 'sent' and d.method = 'wecom_group_msg' then 'pending_employee'
  else d.status end)`;

/**
 * The row `d` of one step is settled: not a `sent` row whose batch's call is still unacknowledged. A row
 * without a batch — skipped, or settled on its own while its batch stayed open (a one-by-one send's earlier
 * slices) — is settled (a test on its joined batch's status once read null there, which kept those rows at
 * their send step for good). The step's batches still `sending` are read once, by the (run, node, status)
 * index, rather than joined per row: fresh batches have no statistics, and the join scanned the run's batches
 * whole for every row — a state page of 10,000 at 100,000 contacts read its 20 batches 10,000 times
 * (`auto_explain`, 2026-11-30), ten times as many at 1,000,000.
 */
export const deliverySettledAtStep = (runId: string, nodeId: string): SQL =>
  sql`(d.status <> 'sent' or d.batch_id is null or d.batch_id <> all(array(
    select id from delivery_batches where run_id = ${runId}::uuid and node_id = ${nodeId} and status = 'sending')))`;

/** When the row's message went out (its own time, or its batch's). */
export const deliverySentAt: SQL = sql`coalesce(d.sent_at, b.sent_at)`;

/** A delivery row a provider message id names. */
export interface MessageRow {
  id: number;
  recipient: string | null;
  messageId: string;
  status: string;
}

/**
 * The delivery rows that provider message ids name, within `scope` (a condition on `d`): rows that
 * carry the id themselves, and the rows of batches that carry it. A batch's rows are read by its id
 * range given as literal bounds, a primary-key range scan whatever the statistics say (joined to the
 * batch table instead, statistics taken before a broadcast once planned it as a scan of the whole
 * ledger per WeCom results page: minutes at 100,000 contacts). Callers match recipients in memory
 * and update by primary key.
 */
export async function rowsOfMessages(
  db: HeraldDb,
  messageIds: readonly string[],
  scope: SQL = sql`true`,
): Promise<MessageRow[]> {
  const ids = [...new Set(messageIds)];
  if (ids.length === 0) return [];
  const list = sql`array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
  const rows = rowsOf<MessageRow>(
    await db.execute(sql`
    select d.id, d.recipient, d.provider_message_id as "messageId", d.status from deliveries d
    where d.provider_message_id = any(${list}) and ${scope}`),
  );
  const batches = rowsOf<{ id: number; first: number; last: number; messageId: string }>(
    await db.execute(sql`
    select id, first_row_id as first, last_row_id as last, provider_message_id as "messageId" from delivery_batches
    where provider_message_id = any(${list}) and first_row_id is not null`),
  );
  for (const b of batches) {
    rows.push(
      ...rowsOf<MessageRow>(
        await db.execute(sql`
      select d.id, d.recipient, ${b.messageId}::text as "messageId", d.status from deliveries d
      where d.id between ${Number(b.first)} and ${Number(b.last)} and d.batch_id = ${Number(b.id)}
        and d.provider_message_id is null and ${scope}`),
      ),
    );
  }
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Plan settings (for one transaction) for a page's statement, which reads at most a page of contacts
 * by a range of ids: index probes and nested loops only, no JIT. Left to itself the planner hashes a
 * tag's whole membership for a 10,000-row page, scans the ledger when its statistics predate the
 * broadcast, and JIT-compiles a statement that runs in tens of milliseconds (18 ms of a 135 ms page).
 * A select-list fragment, so the caller takes its locks in the same round trip.
 */
export const indexProbeSettings: SQL = sql`set_config('enable_hashjoin', 'off', true),
  set_config('enable_mergejoin', 'off', true), set_config('enable_seqscan', 'off', true),
  set_config('enable_bitmapscan', 'off', true), set_config('jit', 'off', true)`;
