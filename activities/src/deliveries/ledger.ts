import { sql, type HeraldDb } from '@herald/db';
import { rowsOf, uuidList } from '../sql-lists';

/** A delivery row as the send path needs it. */
export interface LedgerRow { id: number; contactId: string; status: string; recipient: string | null; method?: string }

export interface NewDelivery {
  contactId: string;
  recipient: string | null;
  ownerEmployeeId: string | null;
  status: 'pending' | 'sending' | 'skipped';
  skipReason: string | null;
  /** Set only when the row goes out by another method than the node's (a fallback). */
  method?: string;
}

export interface LedgerKey { workspaceId: string; runId: string; nodeId: string; entrySeq: number; channelAccountId: string; method: string }

/** A bigint[] literal bound as one parameter: the planner sees a real array and uses the primary key. */
const bigintArray = (ids: readonly number[]) => sql`${`{${ids.join(',')}}`}::bigint[]`;

/**
 * Writes the page's delivery rows before any provider call (unique key: run, node, contact,
 * message, entry) and returns every row of the page with its current status — new ones from
 * RETURNING, and (only on a retry) those a previous attempt already wrote.
 */
export async function writeDeliveries(db: HeraldDb, key: LedgerKey, items: readonly NewDelivery[]): Promise<{ rows: LedgerRow[]; newlySkipped: number; inserted: number }> {
  if (items.length === 0) return { rows: [], newlySkipped: 0, inserted: 0 };
  const payload = JSON.stringify(items.map((i) => [i.contactId, i.recipient, i.ownerEmployeeId, i.status, i.skipReason, i.method ?? null]));
  const inserted = rowsOf<LedgerRow>(await db.execute(sql`
    insert into deliveries (workspace_id, run_id, node_id, contact_id, message_index, entry_seq, channel_account_id, method, recipient, owner_employee_id, status, skip_reason)
    select ${key.workspaceId}::uuid, ${key.runId}::uuid, ${key.nodeId}, (x->>0)::uuid, 0, ${key.entrySeq}, ${key.channelAccountId}::uuid, coalesce(x->>5, ${key.method}),
           x->>1, (x->>2)::uuid, x->>3, x->>4
    from jsonb_array_elements(${payload}::jsonb) x
    on conflict (run_id, node_id, contact_id, message_index, entry_seq) do nothing
    returning id, contact_id as "contactId", status, recipient, method`)).map((r) => ({ ...r, id: Number(r.id) }));
  const newlySkipped = inserted.filter((r) => r.status === 'skipped').length;
  if (inserted.length === items.length) return { rows: inserted, newlySkipped, inserted: inserted.length };
  const seen = new Set(inserted.map((r) => r.contactId));
  const missing = items.filter((i) => !seen.has(i.contactId)).map((i) => i.contactId);
  const earlier = rowsOf<LedgerRow>(await db.execute(sql`
    select id, contact_id as "contactId", status, recipient, method from deliveries
    where run_id = ${key.runId}::uuid and node_id = ${key.nodeId} and entry_seq = ${key.entrySeq} and message_index = 0
      and contact_id = any(${uuidList(missing)})`)).map((r) => ({ ...r, id: Number(r.id) }));
  return { rows: [...inserted, ...earlier], newlySkipped, inserted: inserted.length };
}

export interface Outcome { id: number; status: 'sending' | 'sent' | 'failed' | 'skipped'; method?: string; skipReason?: string | null; providerMessageId?: string | null; errorCode?: string | null; errorMessage?: string | null }

/**
 * Moves rows to new statuses, only from the status each is expected to be in (`from`), and
 * returns the rows that actually moved: the transitions to count. Outcomes that share every
 * field go in one UPDATE by primary key, so a page of thousands is a handful of statements.
 */
export async function transition(db: HeraldDb, from: readonly string[], outcomes: readonly Outcome[], now: Date): Promise<Array<{ id: number; status: string }>> {
  const groups = new Map<string, { outcome: Outcome; ids: number[] }>();
  for (const o of outcomes) {
    const k = JSON.stringify([o.status, o.method ?? null, o.skipReason ?? null, o.providerMessageId ?? null, o.errorCode ?? null, o.errorMessage ?? null]);
    const group = groups.get(k);
    if (group) group.ids.push(o.id);
    else groups.set(k, { outcome: o, ids: [o.id] });
  }
  const moved: Array<{ id: number; status: string }> = [];
  const fromList = `{${from.join(',')}}`;
  for (const { outcome: o, ids } of groups.values()) {
    const result = await db.execute(sql`
      update deliveries set status = ${o.status}, method = coalesce(${o.method ?? null}, method), skip_reason = coalesce(${o.skipReason ?? null}, skip_reason),
        provider_message_id = coalesce(${o.providerMessageId ?? null}, provider_message_id), error_code = ${o.errorCode ?? null}, error_message = ${o.errorMessage?.slice(0, 500) ?? null},
        sent_at = case when ${o.status} = 'sent' then ${now.toISOString()}::timestamptz else sent_at end
      where id = any(${bigintArray(ids)}) and status = any(${fromList}::text[])
      returning id, status`);
    moved.push(...rowsOf<{ id: number; status: string }>(result).map((r) => ({ id: Number(r.id), status: r.status })));
  }
  return moved;
}
