import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';
import { bumpCounters, type CounterIds } from './counters';

// What employees were asked to send (`delivery_tasks`): WeCom group-message tasks, one per owning
// employee and page, and agent messages, one per contact. Written with the batch's settlement, read
// by the per-employee table, the group results poll, the employees' answers and the reminder sweep.

/** One employee's task of a settled batch, as the provider answered. */
export interface NewTask {
  employeeId: string;
  /** The task's or app message's id (null: the call was refused). */
  messageId: string | null;
  /** Contacts in the task. */
  targets: number;
  /** Of those, how many the provider refused at once (not a customer of the employee, …). */
  refused: number;
  /** The delivery row an agent message asks the employee to send (one contact). */
  deliveryId?: number;
  errorCode?: string;
}

/** Where a settled batch's tasks go: its run, step, batch, account and method, and the time. */
export interface TaskBatch {
  workspaceId: string;
  runId: string;
  nodeId: string;
  batchId: number;
  channelAccountId: string;
  method: string;
  tasks: readonly NewTask[];
  now: Date;
}

/**
 * The insert of settled batches' tasks (batches of one send: their run, step, account, method and time
 * are the first's), written only `when` holds — a condition that may name each task's batch as `x.b`
 * (a CTE of the settlement's statement).
 */
export function tasksCte(batches: TaskBatch | readonly TaskBatch[], when: SQL): SQL {
  const list: readonly TaskBatch[] = Array.isArray(batches) ? batches : [batches as TaskBatch];
  const p = list[0]!;
  const rows = JSON.stringify(
    list.flatMap((batch) =>
      batch.tasks.map((t) => ({
        b: batch.batchId,
        e: t.employeeId,
        m: t.messageId,
        t: t.targets,
        r: t.refused,
        d: t.deliveryId ?? null,
        c: t.errorCode ?? null,
      })),
    ),
  );
  const at = sql`${p.now.toISOString()}::timestamptz`;
  return sql`tasks_written as (
    insert into delivery_tasks (workspace_id, run_id, node_id, batch_id, employee_id, channel_account_id, method,
      provider_message_id, delivery_id, targets, pending, undelivered, status, error_code, notified_at, created_at,
      updated_at)
    select ${p.workspaceId}::uuid, ${p.runId}::uuid, ${p.nodeId}, x.b, x.e, ${p.channelAccountId}::uuid,
      ${p.method}, x.m, x.d, x.t,
      case when x.m is null then 0 else x.t - x.r end,
      case when x.m is null then x.t else x.r end,
      case when x.m is null then 'failed' else 'pending' end,
      x.c, ${at}, ${at}, ${at}
    from jsonb_to_recordset(${rows}::jsonb) as x(b bigint, e uuid, m text, t int, r int, d bigint, c text)
    where ${when})`;
}

/** Writes the tasks of a settled batch in one statement (inside the settlement's transaction). */
export async function recordTasks(db: HeraldDb, p: TaskBatch): Promise<void> {
  if (p.tasks.length === 0) return;
  await db.execute(sql`with ${tasksCte(p, sql`true`)} select 1`);
}

/** A group task still waiting for (some of) its employee's confirmations. */
export interface OpenGroupTask {
  id: number;
  messageId: string;
  employeeId: string;
  /** The employee's WeCom user id. */
  userid: string;
  channelAccountId: string;
}

/** A run's group-message tasks at a step that still have targets waiting. */
export async function openGroupTasks(db: HeraldDb, p: { runId: string; nodeId: string }): Promise<OpenGroupTask[]> {
  return rowsOf<OpenGroupTask>(
    await db.execute(sql`
    select t.id, t.provider_message_id as "messageId", t.employee_id as "employeeId", e.wecom_user_id as userid,
      t.channel_account_id as "channelAccountId"
    from delivery_tasks t join employees e on e.id = t.employee_id
    where t.run_id = ${p.runId}::uuid and t.node_id = ${p.nodeId} and t.method = 'wecom_group_msg'
      and t.status = 'pending' and t.provider_message_id is not null
    order by t.id`),
  ).map((t) => ({ ...t, id: Number(t.id) }));
}

/**
 * Sets a group task's counts from the platform's full result list (idempotent: counts, not
 * increments); every target neither waiting nor delivered is undelivered (refused at the call, not
 * a customer, or had one that day).
 */
export async function setGroupTaskCounts(
  db: HeraldDb,
  p: { id: number; pending: number; delivered: number; now: Date },
): Promise<void> {
  const at = p.now.toISOString();
  await db.execute(sql`
    update delivery_tasks
    set pending = ${p.pending}, delivered = ${p.delivered},
      undelivered = greatest(targets - ${p.pending} - ${p.delivered}, 0),
      status = case when ${p.pending} = 0 then 'sent' else status end,
      confirmed_at = case when ${p.pending} = 0 then coalesce(confirmed_at, ${at}::timestamptz) else confirmed_at end,
      updated_at = ${at}::timestamptz
    where id = ${p.id}`);
}

/**
 * Opens the transaction's scratch table of group-message results read from the platform (`addGroupReads`), dropped
 * at commit: the reads of every task of a step meet in SQL, never in the worker's memory — held there as a map per
 * target, a million-contact broadcast's confirmations took more than the worker's whole heap.
 */
export async function openGroupReads(tx: HeraldDb): Promise<void> {
  await tx.execute(sql`create temp table group_reads (target text not null, status int not null,
    employee_id uuid not null) on commit drop`);
}

/** One task's results (each target's WeCom status) into the transaction's `group_reads`. */
export async function addGroupReads(
  tx: HeraldDb,
  p: { employeeId: string; results: ReadonlyArray<{ target: string; status: number }> },
): Promise<void> {
  if (p.results.length === 0) return;
  await tx.execute(sql`insert into group_reads (target, status, employee_id)
    select r.t, r.s, ${p.employeeId}::uuid
    from jsonb_to_recordset(${JSON.stringify(p.results.map((r) => ({ t: r.target, s: r.status })))}::jsonb)
      as r(t text, s int)`);
}

/**
 * Moves a step's waiting group-message rows (stored `sent`) to what the reads in `group_reads` make of them, in one
 * statement: per target the best read across its owners' tasks — sent (delivered, to the employee whose task sent
 * it), then still waiting (left as it is), then had one that day (skipped, quota_day), then not a customer (failed).
 */
export async function settleGroupReads(tx: HeraldDb, p: { runId: string; nodeId: string; now: Date }): Promise<void> {
  const at = sql`${p.now.toISOString()}::timestamptz`;
  await tx.execute(sql`analyze group_reads`);
  await tx.execute(sql`
    with best as (
      select distinct on (target) target, status, employee_id from group_reads
      order by target, case status when 1 then 4 when 0 then 3 when 3 then 2 else 1 end desc)
    update deliveries d set
      status = case b.status when 1 then 'delivered' when 2 then 'failed' else 'skipped' end,
      owner_employee_id = case when b.status = 1 then b.employee_id else d.owner_employee_id end,
      delivered_at = case when b.status = 1 then coalesce(d.delivered_at, ${at}) else d.delivered_at end,
      sent_at = case when b.status = 1 then coalesce(d.sent_at, ${at}) else d.sent_at end,
      error_code = case when b.status = 2 then 'HERALD_ERR_CHANNEL_INVALID_RECIPIENT' else d.error_code end,
      error_message = case when b.status = 2 then 'no longer a customer of the employee' else d.error_message end,
      skip_reason = case when b.status = 3 then 'quota_day' else d.skip_reason end
    from best b
    where d.run_id = ${p.runId}::uuid and d.node_id = ${p.nodeId} and d.method = 'wecom_group_msg'
      and d.status = 'sent' and d.recipient = b.target and b.status in (1, 2, 3)`);
}

/** How many of a run's step's targets still wait for employees (group tasks' pending counts). */
export async function groupTargetsWaiting(db: HeraldDb, p: { runId: string; nodeId: string }): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select coalesce(sum(pending), 0)::int as n from delivery_tasks
      where run_id = ${p.runId}::uuid and node_id = ${p.nodeId} and method = 'wecom_group_msg' and status = 'pending'`),
  );
  return row?.n ?? 0;
}

/** An agent message still waiting for its employee, with what the reminder needs. */
export interface WaitingAgentTask {
  id: number;
  workspaceId: string;
  channelAccountId: string;
  deliveryId: number;
  employeeUserId: string;
  recipient: string;
  contactName: string;
  reminders: number;
  createdAt: Date;
}

/** How agent tasks come due: each account's span (`expiryMs`, else the default), the clock and a batch size. */
export interface AgentTaskClock {
  now: Date;
  expiryMs: ReadonlyMap<string, number>;
  defaultExpiryMs: number;
  limit: number;
}

/**
 * The `due` CTE: up to `limit` waiting agent tasks `t` (oldest first, locked, skipping locked ones)
 * whose `dueAt` has come; `dueAt` reads the task's account span `x.s` in milliseconds (`span` of
 * the account's, or of the default).
 */
function dueAgentTasks(p: AgentTaskClock, span: (ms: number) => number, dueAt: (spanMs: SQL) => SQL, more: SQL): SQL {
  const spans = JSON.stringify([...p.expiryMs].map(([a, ms]) => ({ a, s: span(ms) })));
  return sql`due as (
      select t.id
      from delivery_tasks t
      left join jsonb_to_recordset(${spans}::jsonb) as x(a uuid, s bigint) on x.a = t.channel_account_id
      where t.status = 'pending' and t.delivery_id is not null ${more}
        and ${dueAt(sql`coalesce(x.s, ${span(p.defaultExpiryMs)})`)} <= ${p.now.toISOString()}::timestamptz
      order by t.created_at
      limit ${p.limit}
      for update of t skip locked)`;
}

/**
 * Claims the agent messages due a reminder at `now` — the `n`-th of 3 once `n` quarters of the
 * reminder span (`expiryMs`, at most 24 hours) have passed since the request — by counting the
 * reminder first (a crash loses a reminder, never sends two). `expiryMs(accountId)` is each
 * account's confirmation time.
 */
export async function claimReminders(db: HeraldDb, p: AgentTaskClock): Promise<WaitingAgentTask[]> {
  const day = 86_400_000;
  const rows = rowsOf<WaitingAgentTask>(
    await db.execute(sql`
    with ${dueAgentTasks(
      p,
      (ms) => Math.min(ms, day),
      (spanMs) => sql`t.created_at + (t.reminders + 1) * (${spanMs} / 4) * interval '1 millisecond'`,
      sql`and t.reminders < 3`,
    )},
    claimed as (
      update delivery_tasks t
      set reminders = t.reminders + 1, notified_at = ${p.now.toISOString()}::timestamptz, updated_at = now()
      from due
      where t.id = due.id
      returning t.*)
    select c.id, c.workspace_id as "workspaceId", c.channel_account_id as "channelAccountId",
      c.delivery_id as "deliveryId", e.wecom_user_id as "employeeUserId", coalesce(d.recipient, '') as recipient,
      coalesce(ct.name, '') as "contactName", c.reminders, c.created_at as "createdAt"
    from claimed c join employees e on e.id = c.employee_id join deliveries d on d.id = c.delivery_id
    left join contacts ct on ct.id = d.contact_id`),
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    deliveryId: Number(r.deliveryId),
    createdAt: new Date(r.createdAt),
  }));
}

/**
 * Expires the agent messages their employees did not send within their account's confirmation
 * time: the task and the row (pending_employee → expired; counted as failed). Returns how many.
 */
export async function expireAgentTasks(db: HeraldDb, p: AgentTaskClock): Promise<number> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const moved = rowsOf<CounterIds & { n: number }>(
      await tx.execute(sql`
      with ${dueAgentTasks(
        p,
        (ms) => ms,
        (spanMs) => sql`t.created_at + ${spanMs} * interval '1 millisecond'`,
        sql``,
      )},
      tasks as (
        update delivery_tasks t
        set status = 'expired', pending = 0, undelivered = 1, updated_at = now()
        from due
        where t.id = due.id
        returning t.delivery_id),
      rows as (
        update deliveries d
        set status = 'expired'
        from tasks
        where d.id = tasks.delivery_id and d.status = 'pending_employee'
        returning d.run_id, d.node_id)
      select r.workspace_id as "workspaceId", m.run_id as "runId", r.journey_version_id as "journeyVersionId",
        m.node_id as "nodeId", count(*)::int as n
      from rows m join runs r on r.id = m.run_id
      group by 1, 2, 3, 4`),
    );
    for (const { n, ...ids } of moved) await bumpCounters(tx, ids, { sent: -n, failed: n, skipped: 0 });
    return moved.reduce((sum, m) => sum + m.n, 0);
  });
}
