import { sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';
import { bumpCounters, type CounterIds } from './counters';
import { keepEarlyCallbacks, lockMessageIds, refKey, type EarlyCallback } from './early-callbacks';

// What employees answer about the agent messages Herald asked them to send (the WeCom app's callback).

/** What an employee did with an agent message, as the app's callback says. */
export interface EmployeeAction {
  msgid: string;
  userid: string;
  /**
   * Herald's reference of the request (its delivery row's id, from the request line): matched first,
   * whatever the message id (a request resent after a crash, dropped by WeCom's duplicate check, comes
   * back under a new id while the employee answers the first).
   */
  ref?: string;
  action: 'sent' | 'delivered' | 'declined';
  at: string;
}

/** The key an answer is matched by: its request's reference, else its message id (with the employee). */
const keyOf = (a: { msgid: string; userid: string; ref?: string | null }) =>
  a.ref ? `ref ${a.ref} ${a.userid}` : `${a.msgid} ${a.userid}`;

/**
 * The locks an answer's lookup takes: its message id's and its reference's, in one statement (so in one
 * order with the settlement's, which takes its ids' and references' the same way: they never deadlock).
 */
const lockKeysOf = (actions: readonly EmployeeAction[]) =>
  actions.flatMap((a) => (a.ref ? [a.msgid, refKey(a.ref)] : [a.msgid]));

type Outcome = 'sent' | 'delivered' | 'declined';

/** Where an action takes a row in `status` (null: nowhere; rows only move forward). */
function step(status: string, action: Outcome): Outcome | null {
  if (action === 'sent') return status === 'pending_employee' ? 'sent' : null;
  if (action === 'delivered') return status === 'pending_employee' || status === 'sent' ? 'delivered' : null;
  return status === 'pending_employee' ? 'declined' : null;
}

/**
 * What a callback's action did: the recipient it names (null: unknown), whether it moved the row,
 * whether it was kept.
 */
export interface ActionResult {
  msgid: string;
  recipient: string | null;
  applied: boolean;
  /** Its message id is not recorded yet: kept, and applied when the send's answer is recorded. */
  held: boolean;
}

/**
 * Applies employees' answers to the agent messages they were asked to send (an account's, by the
 * app message's id): `sent` moves the row from pending_employee to sent, `delivered` on to
 * delivered, `declined` to declined (a send counted no more: the counters move it to failed). Only
 * forward, so repeats change nothing. An answer naming an id Herald has not recorded yet (the
 * employee was faster than the send's settlement) is kept and applied by that settlement
 * (`applyKeptEmployeeActions`); until then it names nobody. Returns, per action, what it did.
 */
export async function applyEmployeeActions(
  db: HeraldDb,
  p: { workspaceId: string; channelAccountId: string; actions: readonly EmployeeAction[] },
): Promise<ActionResult[]> {
  if (p.actions.length === 0) return [];
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const results = await playActions(tx, p);
    // Answers naming no recorded message: looked for again under their ids' locks (a settlement recording
    // one has committed by then), and kept if still unknown. Known ids, the usual case, take no lock.
    const unknown = p.actions.flatMap((a, i) => (results[i]!.recipient === null ? [i] : []));
    if (unknown.length > 0) {
      const actions = unknown.map((i) => p.actions[i]!);
      await lockMessageIds(tx, { channelAccountId: p.channelAccountId, msgids: lockKeysOf(actions) });
      const again = await playActions(tx, { ...p, actions });
      unknown.forEach((i, k) => (results[i] = again[k]!));
      await keepEarlyCallbacks(tx, {
        channelAccountId: p.channelAccountId,
        source: 'employee',
        callbacks: actions
          .filter((_, k) => again[k]!.recipient === null)
          .map(({ ref, ...a }) => ({ ...a, detail: ref ?? null, workspaceId: p.workspaceId })),
      });
    }
    return results.map((r) => ({ ...r, held: r.recipient === null }));
  });
}

/**
 * Applies the employees' answers a settlement claimed (`claimKeptCallbacks`: kept for the app messages
 * whose ids it records, or for the requests — delivery rows — it records; in its transaction, after the
 * tasks are written): each applies exactly once, as if it came now. An answer to a request whose first
 * message id was lost (a crash before its settlement) is found by its reference by the resend's
 * settlement, which recorded another id. Returns how many rows they moved.
 */
export async function applyKeptEmployeeActions(
  tx: HeraldDb,
  p: { workspaceId: string; channelAccountId: string },
  kept: readonly EarlyCallback[],
): Promise<number> {
  if (kept.length === 0) return 0;
  const results = await playActions(tx, {
    ...p,
    actions: kept.flatMap((c) =>
      isEmployeeAction(c.action) ? [{ ...c, ...(c.detail ? { ref: c.detail } : {}), action: c.action }] : [],
    ),
  });
  return results.filter((r) => r.applied).length;
}

const isEmployeeAction = (a: string): a is EmployeeAction['action'] =>
  a === 'sent' || a === 'delivered' || a === 'declined';

/**
 * Plays a callback's actions on the tasks they name, in `tx`: a fixed number of statements whatever
 * its length — the tasks are locked in one read, the actions are played on each row in order here,
 * and each row's last state is written once (guarded by the state it was read in).
 */
async function playActions(
  tx: HeraldDb,
  p: { workspaceId: string; channelAccountId: string; actions: readonly EmployeeAction[] },
): Promise<Array<Omit<ActionResult, 'held'>>> {
  if (p.actions.length === 0) return [];
  const asked = JSON.stringify(
    [...new Map(p.actions.map((a) => [keyOf(a), a])).values()].map((a) => ({
      k: keyOf(a),
      m: a.ref ? null : a.msgid,
      r: a.ref ?? null,
      u: a.userid,
    })),
  );
  type Task = {
    id: number;
    deliveryId: number;
    recipient: string | null;
    status: string;
    key: string;
  } & CounterIds;
  const tasks = rowsOf<Task>(
    await tx.execute(sql`
    with x as (select * from jsonb_to_recordset(${asked}::jsonb) as x(k text, m text, r bigint, u text)),
    -- By message id; or by reference: the request's delivery row, then its task under the id it recorded.
    named as (
      select x.k, x.u, t.id from x join delivery_tasks t on t.provider_message_id = x.m
      union all
      select x.k, x.u, t.id from x join deliveries rd on rd.id = x.r
        join delivery_tasks t on t.provider_message_id = rd.provider_message_id and t.delivery_id = rd.id)
    select t.id, t.delivery_id as "deliveryId", d.recipient, d.status, n.k as key,
      t.workspace_id as "workspaceId", t.run_id as "runId",
      r.journey_version_id as "journeyVersionId", t.node_id as "nodeId"
    from named n join delivery_tasks t on t.id = n.id and t.workspace_id = ${p.workspaceId}::uuid
      and t.channel_account_id = ${p.channelAccountId}::uuid
    join employees e on e.id = t.employee_id and e.wecom_user_id = n.u
    join deliveries d on d.id = t.delivery_id join runs r on r.id = t.run_id
    order by t.id
    for update of t`),
  );
  const byKey = new Map(tasks.map((t) => [t.key, t]));
  // Each row's state as the actions go by; each task's answers (its status follows the first).
  const rows = new Map<number, { task: Task; from: string; now: string; sentAt?: string; deliveredAt?: string }>();
  const answers = new Map<number, { first: Outcome; declined: boolean; confirmedAt: string | null }>();
  const results = p.actions.map((a) => {
    const task = byKey.get(keyOf(a));
    if (!task) return { msgid: a.msgid, recipient: null, applied: false };
    const id = Number(task.deliveryId);
    const row = rows.get(id) ?? { task, from: task.status, now: task.status };
    rows.set(id, row);
    const answer = answers.get(Number(task.id)) ?? { first: a.action, declined: false, confirmedAt: null };
    answers.set(Number(task.id), answer);
    if (a.action === 'declined') answer.declined = true;
    else answer.confirmedAt ??= a.at;
    const next = step(row.now, a.action);
    if (next) {
      row.now = next;
      if (a.action === 'sent') row.sentAt ??= a.at;
      if (a.action === 'delivered') row.deliveredAt ??= a.at;
    }
    return { msgid: a.msgid, recipient: task.recipient, applied: next !== null };
  });
  const moved = [...rows].filter(([, r]) => r.now !== r.from);
  const changes = moved.map(([id, r]) => ({
    i: id,
    f: r.from,
    s: r.now,
    sa: r.sentAt ?? r.deliveredAt ?? null,
    da: r.deliveredAt ?? null,
  }));
  const written = rowsOf<{ id: number }>(
    await tx.execute(sql`update deliveries d set status = x.s,
      sent_at = case when x.s in ('sent', 'delivered') then coalesce(d.sent_at, x.sa) else d.sent_at end,
      delivered_at = case when x.s = 'delivered' then coalesce(d.delivered_at, x.da) else d.delivered_at end
      from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb)
        as x(i bigint, f text, s text, sa timestamptz, da timestamptz)
      where d.id = x.i and d.status = x.f returning d.id`),
  );
  const tasksAnswered = [...answers].map(([id, a]) => ({
    i: id,
    s: a.first === 'declined' ? 'declined' : 'sent',
    d: a.confirmedAt === null ? 0 : 1,
    u: a.declined ? 1 : 0,
    at: a.confirmedAt,
  }));
  await tx.execute(sql`update delivery_tasks t set
    status = case when t.status = 'pending' then x.s else t.status end,
    pending = 0, delivered = case when x.d = 1 then 1 else t.delivered end,
    undelivered = case when x.u = 1 then 1 else t.undelivered end,
    confirmed_at = coalesce(t.confirmed_at, x.at), updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(tasksAnswered)}::jsonb)
      as x(i bigint, s text, d int, u int, at timestamptz)
    where t.id = x.i and t.status in ('pending', 'sent')`);
  // A declined send is counted no more: the counters move it to failed, per step.
  const wrote = new Set(written.map((w) => Number(w.id)));
  const declined = new Map<string, { ids: CounterIds; n: number }>();
  for (const [id, r] of moved) {
    if (r.now !== 'declined' || !wrote.has(id)) continue;
    const { workspaceId, runId, journeyVersionId, nodeId } = r.task;
    const entry = declined.get(`${runId} ${nodeId}`) ?? {
      ids: { workspaceId, runId, journeyVersionId, nodeId },
      n: 0,
    };
    entry.n++;
    declined.set(`${runId} ${nodeId}`, entry);
  }
  for (const { ids, n } of declined.values()) await bumpCounters(tx, ids, { sent: -n, failed: n, skipped: 0 });
  return results;
}
