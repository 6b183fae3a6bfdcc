import { sql, type HeraldDb } from '@herald/db';
import { rowsOf } from '../sql-lists';

/** A delivery row as the send path needs it. */
export interface LedgerRow { id: number; contactId: string; status: string; recipient: string | null; method?: string }

export interface NewDelivery {
  contactId: string;
  recipient: string | null;
  ownerEmployeeId: string | null;
  status: 'pending' | 'skipped';
  skipReason: string | null;
}

export interface LedgerKey { workspaceId: string; runId: string; nodeId: string; entrySeq: number; channelAccountId: string; method: string }

/**
 * Writes the page's delivery rows before any provider call (unique key: run, node, contact,
 * message, entry) and returns every row of the page with its current status — new ones and those
 * a previous attempt already wrote — plus the rows this call created as skipped.
 */
export async function writeDeliveries(db: HeraldDb, key: LedgerKey, items: readonly NewDelivery[]): Promise<{ rows: LedgerRow[]; newlySkipped: number }> {
  if (items.length === 0) return { rows: [], newlySkipped: 0 };
  const payload = JSON.stringify(items.map((i) => [i.contactId, i.recipient, i.ownerEmployeeId, i.status, i.skipReason]));
  const inserted = await db.execute(sql`
    insert into deliveries (workspace_id, run_id, node_id, contact_id, message_index, entry_seq, channel_account_id, method, recipient, owner_employee_id, status, skip_reason)
    select ${key.workspaceId}::uuid, ${key.runId}::uuid, ${key.nodeId}, (x->>0)::uuid, 0, ${key.entrySeq}, ${key.channelAccountId}::uuid, ${key.method},
           x->>1, (x->>2)::uuid, x->>3, x->>4
    from jsonb_array_elements(${payload}::jsonb) x
    on conflict (run_id, node_id, contact_id, message_index, entry_seq) do nothing
    returning status`);
  const newlySkipped = rowsOf<{ status: string }>(inserted).filter((r) => r.status === 'skipped').length;
  const contactIds = JSON.stringify(items.map((i) => i.contactId));
  const rows = await db.execute(sql`
    select id, contact_id as "contactId", status, recipient from deliveries
    where run_id = ${key.runId}::uuid and node_id = ${key.nodeId} and entry_seq = ${key.entrySeq} and message_index = 0
      and contact_id = any(array(select jsonb_array_elements_text(${contactIds}::jsonb)::uuid))`);
  return { rows: rowsOf<LedgerRow>(rows).map((r) => ({ ...r, id: Number(r.id) })), newlySkipped };
}

export interface Outcome { id: number; status: 'sending' | 'sent' | 'failed' | 'skipped'; method?: string; skipReason?: string | null; providerMessageId?: string | null; errorCode?: string | null; errorMessage?: string | null }

/**
 * Moves rows to new statuses in one statement, only from the status each is expected to be in
 * (`from`), and returns the rows that actually moved: the transitions to count.
 */
export async function transition(db: HeraldDb, from: readonly string[], outcomes: readonly Outcome[], now: Date): Promise<Array<{ id: number; status: string }>> {
  if (outcomes.length === 0) return [];
  const payload = JSON.stringify(outcomes.map((o) => ({ id: o.id, s: o.status, mt: o.method ?? null, r: o.skipReason ?? null, p: o.providerMessageId ?? null, c: o.errorCode ?? null, m: o.errorMessage?.slice(0, 500) ?? null })));
  const result = await db.execute(sql`
    update deliveries d set status = x.s, method = coalesce(x.mt, d.method), skip_reason = coalesce(x.r, d.skip_reason), provider_message_id = coalesce(x.p, d.provider_message_id),
      error_code = x.c, error_message = x.m, sent_at = case when x.s = 'sent' then ${now.toISOString()}::timestamptz else d.sent_at end
    from jsonb_to_recordset(${payload}::jsonb) as x(id bigint, s text, mt text, r text, p text, c text, m text)
    where d.id = x.id and d.status = any(array(select jsonb_array_elements_text(${JSON.stringify(from)}::jsonb)))
    returning d.id, d.status`);
  return rowsOf<{ id: number; status: string }>(result);
}
