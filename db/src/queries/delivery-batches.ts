import { sql, type SQL } from 'drizzle-orm';
import { type HeraldDb } from '../client';
import { deliveryIds } from '../ledger';
import { rowsOf } from '../sql-lists';
import { counterCtes, type CounterIds } from './counters';
import { tasksCte, type TaskBatch } from './delivery-tasks';

// A send's batches: the rows a provider call carries share one batch row, settled once (see
// docs/ARCHITECTURE.md, "The flow of a send, and why it is exactly once").

/** Rows an account quota stops: `skipped` with the policy's reason, out of their batch (in the page's transaction). */
export async function skipBeyondQuota(tx: HeraldDb, p: { ids: readonly number[]; skipReason: string }): Promise<void> {
  await tx.execute(sql`update deliveries
    set status = 'skipped', skip_reason = ${p.skipReason}, batch_id = null
    where id = any(${deliveryIds(p.ids)})`);
}

/** Removes batches none of whose rows go out any more. */
export async function deleteBatches(tx: HeraldDb, p: { ids: readonly number[] }): Promise<void> {
  await tx.execute(sql`delete from delivery_batches where id = any(${deliveryIds(p.ids)})`);
}

/** A batch every row of which the provider accepted under one message id. */
export interface SharedBatch {
  batchId: number;
  providerMessageId: string;
  /** Its rows (what the counters grow by). */
  sent: number;
  tasks: TaskBatch;
}

/**
 * Settles batches every row of which the provider accepted under one message id (a page's, one per
 * variant): the batches, the counters and the employees' tasks in one statement, each batch only
 * while it is still `sending`. Returns the ids of the batches it settled (none that another attempt had).
 */
export async function settleSharedBatches(
  db: HeraldDb,
  p: { ids: CounterIds; sentAt: string; batches: readonly SharedBatch[] },
): Promise<number[]> {
  const { ids, sentAt: at, batches } = p;
  if (batches.length === 0) return [];
  const given = JSON.stringify(batches.map((b) => ({ id: b.batchId, m: b.providerMessageId, n: b.sent })));
  const withTasks = batches.filter((b) => b.tasks.tasks.length > 0).map((b) => b.tasks);
  const settled = sql`exists (select 1 from settled)`;
  const tasks = withTasks.length > 0 ? sql`, ${tasksCte(withTasks, sql`x.b in (select id from settled)`)}` : sql``;
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      with settled as (
        update delivery_batches b
        set status = 'sent', provider_message_id = g.m, sent_at = ${at}::timestamptz
        from jsonb_to_recordset(${given}::jsonb) as g(id bigint, m text, n int)
        where b.id = any(${deliveryIds(batches.map((x) => x.batchId))}) and b.id = g.id and b.status = 'sending'
        -- A batch's earlier slices' rows (pending_sent) are counted by whatever closes it.
        returning b.id, g.n + b.pending_sent as sent),
      ${counterCtes(ids, { sent: sql`(select coalesce(sum(sent), 0) from settled)` }, settled)}${tasks}
      select id from settled`),
  );
  return rows.map((r) => Number(r.id));
}

/**
 * The statement that locks a batch for its settlement (in the settling transaction) and reads its status and
 * holder, with `also` (further columns, e.g. locks taken in the same statement).
 */
export const lockBatchSql = (batchId: number, also: SQL = sql``): SQL =>
  sql`select b.status, b.holder::text as holder, b.pending_sent as "pendingSent" ${also}
    from delivery_batches b where b.id = ${batchId} for update of b`;

/**
 * Locks a batch for its settlement (in the settling transaction) and returns its status, holder and the rows its
 * earlier slices settled that the counters do not count yet (the settlement closing it counts them), if it exists.
 */
export async function lockBatch(
  tx: HeraldDb,
  p: { batchId: number },
): Promise<{ status: string; holder: string | null; pendingSent: number } | undefined> {
  const [batch] = rowsOf<{ status: string; holder: string | null; pendingSent: number }>(
    await tx.execute(lockBatchSql(p.batchId)),
  );
  return batch;
}

/** What a settlement writes on a batch's accepted rows: each row's own message id ([row id, message id]). */
export interface OwnMessageIds {
  messageIds: readonly [number, string][];
  /** Agent messages: the rows become `pending_employee` (else they get `sentAt`). */
  toEmployee: boolean;
  /** More slices of the batch follow: the rows leave the still open batch (only rows still in it). */
  open: boolean;
  batchId: number;
  sentAt: string;
}

/**
 * The update that writes each accepted row's own message id on rows still `sent` (see `OwnMessageIds`), only
 * where `when` holds; it returns the ids of the rows it wrote. Each row is found by its primary key (a probe
 * per id, kept a subquery by OFFSET 0) and updated by its address, whatever the statistics say: joined to the
 * ids directly, a storm's slices (16 fresh rows, their batch estimated at one row) were planned as a scan of
 * every `sent` row of the table by status — 2.1 million rows read for 20,000 welcomes, more at every slice.
 */
export function ownMessageIdsSql(p: OwnMessageIds, when: SQL = sql`true`): SQL {
  const { toEmployee, open, batchId, sentAt: at } = p;
  return sql`update deliveries d
    set provider_message_id = x.m,
      ${toEmployee ? sql`status = 'pending_employee'` : sql`sent_at = ${at}::timestamptz`}
      ${open ? sql`, batch_id = null` : sql``}
    from (
      select r.tid, e->>1 as m from jsonb_array_elements(${JSON.stringify(p.messageIds)}::jsonb) e
      cross join lateral (select ctid as tid from deliveries where id = (e->>0)::bigint offset 0) r) x
    where d.ctid = x.tid and d.status = 'sent' ${open ? sql`and d.batch_id = ${batchId}` : sql``}
      and ${when}
    returning d.id`;
}

/** Writes each accepted row's own message id (`ownMessageIdsSql`). Returns the ids of the rows it wrote. */
export async function recordOwnMessageIds(tx: HeraldDb, p: OwnMessageIds): Promise<{ id: string }[]> {
  return rowsOf<{ id: string }>(await tx.execute(ownMessageIdsSql(p)));
}

/**
 * The update that closes the batches `which` selects (an SQL condition on their `id`): `sent` (with the shared
 * message id, if any) or `failed`.
 */
export const closeBatchSql = (
  which: SQL,
  p: { status: 'sent' | 'failed'; providerMessageId: string | null; sentAt: string },
): SQL =>
  sql`update delivery_batches
    set status = ${p.status}, provider_message_id = ${p.providerMessageId}, sent_at = ${p.sentAt}::timestamptz
    where ${which}`;

/** Closes a settled batch: `sent` (with the shared message id, if any) or `failed`. */
export async function closeBatch(
  tx: HeraldDb,
  p: { batchId: number; status: 'sent' | 'failed'; providerMessageId: string | null; sentAt: string },
): Promise<void> {
  await tx.execute(closeBatchSql(sql`id = ${p.batchId}`, p));
}
