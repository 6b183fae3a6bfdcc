import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { deliveryBatchJoin, deliverySentAt, deliveryStatus } from '../ledger';
import { rowsOf } from '../rows';
import {
  countIn,
  deliveredStatuses,
  pendingStatuses,
  readStatuses,
  sentStatuses,
  statusIn,
  unsentStatuses,
} from './delivery-statuses';

// The read models of a broadcast's detail page, over the rows of one run, each row seen through its
// batch (`deliveryStatus`: a row of a batch still being sent shows as `sending`).

/** How many rows of a run stand at each status (as shown) and skip or error reason. */
export interface StatusCount {
  status: string;
  reason: string | null;
  n: number;
}

/** The counts behind a run's statistics, by status (as shown) and skip reason. */
export async function runStatusCounts(db: HeraldDb, p: { runId: string }): Promise<StatusCount[]> {
  return rowsOf<StatusCount>(
    await db.execute(sql`select ${deliveryStatus} as status, d.skip_reason as reason, count(*)::int as n
      from deliveries d ${deliveryBatchJoin} where d.run_id = ${p.runId}::uuid group by 1, 2
      union all
      -- A broadcast's contacts still at its send step wait for their employee's app-message rate: not written yet.
      select 'pending', null, count(*)::int from journey_states s
      where s.run_id = ${p.runId}::uuid and s.status = 'active'
      having count(*) > 0`),
  );
}

/** A broadcast's statistics as its detail page shows them. */
export interface BroadcastStats {
  total: number;
  sent: number;
  delivered: number;
  failed: number;
  skipped: number;
  pending: number;
  /** Of the pending, those handed to their owning employee (WeCom) who has not sent them yet. */
  pendingEmployee: number;
  /**
   * Of the pending, those waiting at the send step for their employee's app-message rate (WeCom: a
   * minute's, an hour's).
   */
  rateLimited: number;
  /** Declined by the employee. */
  declined: number;
  /** Not sent by the employee in time. */
  expired: number;
  skippedByReason: Record<string, number>;
  /** Delivered ÷ audience. */
  receivedRate: number;
  readRate: number;
  replyRate: number;
  progress: number;
}

/** The statistics of a run of `total` recipients from its status counts (`completed`: the run is over). */
export function broadcastStats(counts: readonly StatusCount[], total: number, completed: boolean): BroadcastStats {
  const sent = countIn(counts, sentStatuses);
  const delivered = countIn(counts, deliveredStatuses);
  const done = sent + countIn(counts, unsentStatuses);
  return {
    total,
    sent,
    delivered,
    failed: countIn(counts, ['failed']),
    skipped: countIn(counts, ['skipped']),
    pending: countIn(counts, pendingStatuses),
    pendingEmployee: countIn(counts, ['pending_employee']),
    rateLimited: countIn(counts, ['pending']),
    declined: countIn(counts, ['declined']),
    expired: countIn(counts, ['expired']),
    skippedByReason: Object.fromEntries(
      counts.filter((c) => c.status === 'skipped').map((c) => [c.reason ?? 'unknown', c.n]),
    ),
    receivedRate: total ? delivered / total : 0,
    readRate: sent ? countIn(counts, readStatuses) / sent : 0,
    replyRate: sent ? countIn(counts, ['replied']) / sent : 0,
    progress: total ? Math.min(1, done / total) : completed ? 1 : 0,
  };
}

/** One recipient of a run, as the recipients list shows it. */
export interface RecipientRow {
  deliveryId: number;
  contactId: string;
  contactName: string;
  recipient: string | null;
  employee: string | null;
  status: string;
  reason: string | null;
  sentAt: Date | null;
}

/** A page of a run's recipients in delivery order, after `cursor` (a delivery id), optionally of one status. */
export async function runRecipients(
  db: HeraldDb,
  p: { runId: string; status?: string | undefined; cursor?: number | undefined; limit: number },
): Promise<RecipientRow[]> {
  const rows = rowsOf<Omit<RecipientRow, 'sentAt'> & { sentAt: string | Date | null }>(
    await db.execute(sql`
    select d.id as "deliveryId", d.contact_id as "contactId", coalesce(c.name, g.name, '') as "contactName",
      d.recipient, e.name as employee, ${deliveryStatus} as status, coalesce(d.skip_reason, d.error_code) as reason,
      ${deliverySentAt} as "sentAt"
    from deliveries d ${deliveryBatchJoin} left join contacts c on c.id = d.contact_id
      left join group_chats g on g.id = d.contact_id
      left join employees e on e.id = d.owner_employee_id
    where d.run_id = ${p.runId}::uuid ${p.status ? sql`and ${deliveryStatus} = ${p.status}` : sql``}
      ${p.cursor ? sql`and d.id > ${p.cursor}` : sql``}
    order by d.id limit ${p.limit}`),
  );
  return rows.map((r) => ({ ...r, deliveryId: Number(r.deliveryId), sentAt: r.sentAt ? new Date(r.sentAt) : null }));
}

/** Per employee of a run: what they were asked to send, and what became of it. */
export interface EmployeeTally {
  employeeId: string | null;
  name: string;
  /** Waiting for the employee (a task not confirmed, an agent message not sent yet). */
  pending: number;
  /** Sent by the employee, not known to be delivered yet. */
  sent: number;
  delivered: number;
  /** Not delivered: declined, expired, refused, no longer a customer, had one that day, or stopped by a rule first. */
  undelivered: number;
}

/**
 * A run's recipients tallied by employee, by name (rows no employee took under "(no owner)"): a
 * group message's targets from its tasks' counts (a contact several employees own counts in each of
 * their tasks), an agent message from its row's status, and rows a rule stopped before any call
 * under the owner written on them.
 */
export async function runEmployeeTallies(db: HeraldDb, p: { runId: string }): Promise<EmployeeTally[]> {
  const status = deliveryStatus;
  return rowsOf<EmployeeTally>(
    await db.execute(sql`
    with parts as (
      select t.employee_id, t.pending, 0 as sent, t.delivered, t.undelivered
      from delivery_tasks t
      where t.run_id = ${p.runId}::uuid and t.delivery_id is null
      union all
      select d.owner_employee_id, (${statusIn(status, pendingStatuses)})::int, (${status} = 'sent')::int,
        (${statusIn(status, deliveredStatuses)})::int, (${statusIn(status, unsentStatuses)})::int
      from deliveries d ${deliveryBatchJoin}
      where d.run_id = ${p.runId}::uuid
        and (d.method <> 'wecom_group_msg' or d.batch_id is null
          or d.status = 'failed'
            and not exists (select 1 from delivery_tasks t where t.run_id = d.run_id and t.batch_id = d.batch_id)))
    select e.id as "employeeId", coalesce(e.name, '(no owner)') as name, sum(pending)::int as pending,
      sum(sent)::int as sent, sum(delivered)::int as delivered, sum(undelivered)::int as undelivered
    from parts left join employees e on e.id = parts.employee_id
    group by 1, 2
    order by 2`),
  );
}

/**
 * How many employees a run asked to send something, and how many of them sent (confirmed a task,
 * or sent an agent message).
 */
export async function runEmployeesWhoSent(
  db: HeraldDb,
  p: { runId: string },
): Promise<{ asked: number; sent: number }> {
  const [row] = rowsOf<{ asked: number; sent: number }>(
    await db.execute(sql`select count(distinct employee_id)::int as asked,
      count(distinct employee_id) filter (where delivered > 0 or confirmed_at is not null)::int as sent
      from delivery_tasks where run_id = ${p.runId}::uuid and employee_id is not null`),
  );
  return row ?? { asked: 0, sent: 0 };
}

/** The columns of an export, in order. */
export const exportColumns = ['external_id', 'name', 'recipient', 'employee', 'status', 'reason', 'sent_at'] as const;

/** One recipient of an export, every cell text. */
export type ExportRow = Record<(typeof exportColumns)[number], string>;

/** Every recipient of a run, as the export shows them (times in UTC, ISO 8601). */
export async function runExportRows(db: HeraldDb, p: { runId: string }): Promise<ExportRow[]> {
  return rowsOf<ExportRow>(
    await db.execute(sql`
    select coalesce(c.external_id, '') as external_id, coalesce(c.name, g.name, '') as name,
      coalesce(d.recipient, '') as recipient, coalesce(e.name, '') as employee, ${deliveryStatus} as status,
      coalesce(d.skip_reason, d.error_code, '') as reason,
      coalesce(to_char(${deliverySentAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '') as sent_at
    from deliveries d ${deliveryBatchJoin} left join contacts c on c.id = d.contact_id
      left join group_chats g on g.id = d.contact_id left join employees e on e.id = d.owner_employee_id
    where d.run_id = ${p.runId}::uuid order by d.id`),
  );
}
