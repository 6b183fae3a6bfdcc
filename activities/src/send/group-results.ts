import { deliveryBatchJoin, deliveryIds, rowsOf, rowsOfMessages, sql } from '@herald/db';
import { loadAccount } from '@herald/channels';
import type { ActivityDeps } from '../deps';

/** WeCom's per-target status of a group message → what the delivery becomes (0 = not yet confirmed). */
const outcome: Record<number, { status: 'delivered' | 'failed' | 'skipped'; reason?: string; code?: string }> = {
  1: { status: 'delivered' },
  2: { status: 'failed', code: 'HERALD_ERR_CHANNEL_INVALID_RECIPIENT' },
  3: { status: 'skipped', reason: 'quota_day' },
};

/**
 * Reads WeCom group-message results per (task, employee) into the run's delivery rows — delivered,
 * failed (no longer a customer of the employee) or skipped (already had a group message that day) —
 * and returns how many still wait for their employee's confirmation.
 */
export async function collectGroupMessageResults(
  deps: ActivityDeps,
  input: { workspaceId: string; runId: string; nodeId: string; now: number },
): Promise<{ pending: number }> {
  // Rows carry their task's msgid themselves, or through their batch (one task per batch's call).
  const tasks = rowsOf<{ msgid: string; userid: string; account: string }>(
    await deps.db.execute(sql`
    select distinct coalesce(d.provider_message_id, b.provider_message_id) as msgid, e.wecom_user_id as userid, d.channel_account_id as account
    from deliveries d ${deliveryBatchJoin} join employees e on e.id = d.owner_employee_id
    where d.run_id = ${input.runId}::uuid and d.node_id = ${input.nodeId} and d.method = 'wecom_group_msg' and d.status = 'sent'
      and coalesce(d.provider_message_id, b.provider_message_id) is not null`),
  );
  for (const task of tasks) {
    const { config } = await loadAccount(deps, input.workspaceId, task.account);
    const results = await deps.channels.wecomAdapter.groupMessageResult(config, task.msgid, task.userid);
    const changes = results.filter((r) => outcome[r.status]);
    if (changes.length === 0) continue;
    const rowOf = new Map(
      (
        await rowsOfMessages(
          deps.db,
          [task.msgid],
          sql`d.run_id = ${input.runId}::uuid and d.node_id = ${input.nodeId} and d.status = 'sent'`,
        )
      ).map((r) => [r.recipient, r.id]),
    );
    const byOutcome = new Map<number, number[]>();
    for (const r of changes) {
      const id = rowOf.get(r.target);
      if (id === undefined) continue;
      const ids = byOutcome.get(r.status);
      if (ids) ids.push(id);
      else byOutcome.set(r.status, [id]);
    }
    for (const [status, ids] of byOutcome) {
      const o = outcome[status]!;
      await deps.db.execute(sql`
        update deliveries set status = ${o.status}, skip_reason = ${o.reason ?? null}, error_code = ${o.code ?? null},
          delivered_at = case when ${o.status} = 'delivered' then ${new Date(input.now).toISOString()}::timestamptz else delivered_at end
        where id = any(${deliveryIds(ids)}) and status = 'sent'`);
    }
  }
  const [left] = rowsOf<{ n: number }>(
    await deps.db.execute(
      sql`select count(*)::int as n from deliveries where run_id = ${input.runId}::uuid and node_id = ${input.nodeId} and method = 'wecom_group_msg' and status = 'sent'`,
    ),
  );
  return { pending: left?.n ?? 0 };
}
