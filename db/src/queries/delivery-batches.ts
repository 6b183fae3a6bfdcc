import { sql } from 'drizzle-orm';
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

/**
 * Settles a batch every row of which the provider accepted under one message id: the batch, the
 * counters and the employees' tasks in one statement, only while the batch is still `sending`.
 * Returns 1 when it settled the batch, 0 when another attempt already had.
 */
export async function settleSharedBatch(
  db: HeraldDb,
  p: { ids: CounterIds; batchId: number; providerMessageId: string; sentAt: string; sent: number; tasks: TaskBatch },
): Promise<number> {
  const { ids, batchId, providerMessageId: shared, sentAt: at, tasks: taskBatch } = p;
  const when = sql`exists (select 1 from settled)`;
  const tasks = taskBatch.tasks.length > 0 ? sql`, ${tasksCte(taskBatch, when)}` : sql``;
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      with settled as (
        update delivery_batches
        set status = 'sent', provider_message_id = ${shared}, sent_at = ${at}::timestamptz
        where id = ${batchId} and status = 'sending'
        returning id),
      ${counterCtes(ids, { sent: sql`${p.sent}` }, when)}${tasks}
      select count(*)::int as n from settled`),
  );
  return row?.n ?? 0;
}

/** Locks a batch for its settlement (in the settling transaction) and returns its status, if it exists. */
export async function lockBatch(tx: HeraldDb, p: { batchId: number }): Promise<string | undefined> {
  const [batch] = rowsOf<{ status: string }>(
    await tx.execute(sql`select status from delivery_batches where id = ${p.batchId} for update`),
  );
  return batch?.status;
}

/**
 * Writes each accepted row's own message id (`messageIds`: [row id, message id]) on rows still `sent`:
 * agent messages become `pending_employee`, others get `sentAt`; `open` takes them out of the still
 * open batch (only rows still in it). Returns the ids of the rows it wrote.
 */
export async function recordOwnMessageIds(
  tx: HeraldDb,
  p: { messageIds: readonly [number, string][]; toEmployee: boolean; open: boolean; batchId: number; sentAt: string },
): Promise<{ id: string }[]> {
  const { toEmployee, open, batchId, sentAt: at } = p;
  const own = JSON.stringify(p.messageIds);
  return rowsOf<{ id: string }>(
    await tx.execute(sql`update deliveries d
        set provider_message_id = x->>1,
          ${toEmployee ? sql`status = 'pending_employee'` : sql`sent_at = ${at}::timestamptz`}
          ${open ? sql`, batch_id = null` : sql``}
        from jsonb_array_elements(${own}::jsonb) x
        where d.id = (x->>0)::bigint and d.status = 'sent' ${open ? sql`and d.batch_id = ${batchId}` : sql``}
        returning d.id`),
  );
}

/** Closes a settled batch: `sent` (with the shared message id, if any) or `failed`. */
export async function closeBatch(
  tx: HeraldDb,
  p: { batchId: number; status: 'sent' | 'failed'; providerMessageId: string | null; sentAt: string },
): Promise<void> {
  await tx.execute(sql`update delivery_batches
    set status = ${p.status}, provider_message_id = ${p.providerMessageId}, sent_at = ${p.sentAt}::timestamptz
    where id = ${p.batchId}`);
}
