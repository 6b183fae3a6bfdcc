import { sql } from 'drizzle-orm';
import { type HeraldDb } from '../client';
import { deliveryIds } from '../ledger';
import { rowsOf } from '../sql-lists';

/** What a provider said about one row it did not accept: failed, or skipped (the platform's window closed). */
export interface Outcome {
  id: number;
  status: 'failed' | 'skipped';
  skipReason?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
}

/**
 * Moves rows to new statuses, only from the status each is expected to be in (`from`), and
 * returns the rows that actually moved: the transitions to count. Outcomes that share every
 * field go in one UPDATE by primary key, so a page of thousands is a handful of statements.
 */
export async function transition(
  db: HeraldDb,
  from: readonly string[],
  outcomes: readonly Outcome[],
): Promise<Array<{ id: number; status: string }>> {
  const groups = new Map<string, { outcome: Outcome; ids: number[] }>();
  for (const o of outcomes) {
    const k = JSON.stringify([o.status, o.skipReason ?? null, o.errorCode ?? null, o.errorMessage ?? null]);
    const group = groups.get(k);
    if (group) group.ids.push(o.id);
    else groups.set(k, { outcome: o, ids: [o.id] });
  }
  const moved: Array<{ id: number; status: string }> = [];
  const fromList = `{${from.join(',')}}`;
  for (const { outcome: o, ids } of groups.values()) {
    const result = await db.execute(sql`
      update deliveries set status = ${o.status}, skip_reason = coalesce(${o.skipReason ?? null}, skip_reason),
        error_code = ${o.errorCode ?? null}, error_message = ${o.errorMessage?.slice(0, 500) ?? null}
      where id = any(${deliveryIds(ids)}) and status = any(${fromList}::text[])
      returning id, status`);
    moved.push(...rowsOf<{ id: number; status: string }>(result).map((r) => ({ id: Number(r.id), status: r.status })));
  }
  return moved;
}

/** Where a contact's first message of one arrival at a send step stands: its status and skip reason, if written. */
export async function contactDeliveryOutcome(
  db: HeraldDb,
  input: { runId: string; nodeId: string; contactId: string; entrySeq: number },
): Promise<{ status: string; skip_reason: string | null } | undefined> {
  const [row] = rowsOf<{ status: string; skip_reason: string | null }>(
    await db.execute(sql`select status, skip_reason
      from deliveries
      where run_id = ${input.runId}::uuid and node_id = ${input.nodeId} and contact_id = ${input.contactId}::uuid
        and entry_seq = ${input.entrySeq} and message_index = 0`),
  );
  return row;
}
