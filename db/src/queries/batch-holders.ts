import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';

// Who sends a batch still `sending`. Temporal can run one page in two executions at once: a retry after a
// heartbeat timeout while the first still runs, or an attempt handed out again after a server restart. The
// later one takes the open batches over (`holder`); the earlier reads the holder before each call and stops,
// so at most the call in flight goes twice (the bound the exactly-once argument allows for a kill).

/** Makes `holder` the sender of these batches, those still `sending`. */
export async function takeOverBatches(db: HeraldDb, p: { batchIds: readonly number[]; holder: string }): Promise<void> {
  if (p.batchIds.length === 0) return;
  await db.execute(sql`update delivery_batches set holder = ${p.holder}::uuid
    where id = any(${`{${p.batchIds.join(',')}}`}::bigint[]) and status = 'sending'`);
}

/** Whether `holder` (null: the execution that recorded it) still sends the batch: no once another took it over. */
export async function holdsBatch(db: HeraldDb, p: { batchId: number; holder: string | null }): Promise<boolean> {
  const [row] = rowsOf<{ holder: string | null }>(
    await db.execute(sql`select holder from delivery_batches where id = ${p.batchId}`),
  );
  return row !== undefined && row.holder === p.holder;
}
