import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';

// Who sends a batch still `sending`. Temporal can run one page in two executions at once: a retry after a
// heartbeat timeout while the first still runs, or an attempt handed out again after a server restart. The
// later one takes the open batches over (`holder`); the earlier reads the holder as it settles each slice (under
// the batch's lock) and stops before its next one, so at most one slice of calls goes twice (the bound the
// exactly-once argument allows for a kill).

/** Makes `holder` the sender of these batches, those still `sending`. */
export async function takeOverBatches(db: HeraldDb, p: { batchIds: readonly number[]; holder: string }): Promise<void> {
  if (p.batchIds.length === 0) return;
  await db.execute(sql`update delivery_batches set holder = ${p.holder}::uuid
    where id = any(${`{${p.batchIds.join(',')}}`}::bigint[]) and status = 'sending'`);
}
