import {
  groupTargetsWaiting,
  openGroupTasks,
  setGroupTaskCounts,
  settleGroupRows,
  waitingGroupRows,
  type GroupOutcome,
} from '@herald/db';
import { loadAccount } from '@herald/channels';
import type { ActivityDeps } from '../deps';

/**
 * WeCom's per-target status of a group message (0: not yet confirmed, 1: sent, 2: not a customer, 3: had one that
 * day).
 */
type Status = 0 | 1 | 2 | 3;

/**
 * Reads WeCom group-message results for every task of a step still waiting for its employee, and
 * applies them: each task's counts (pending, delivered, undelivered) from its full result list;
 * each waiting row (a contact, or a group chat) to its outcome across its owners' tasks read now —
 * delivered by the first employee whose task sent it (the row names that employee), otherwise
 * still waiting while some task has it unconfirmed, otherwise failed (no longer a customer) or
 * skipped (it had a group message that day, from another employee or another broadcast). Returns
 * how many targets still wait for their employee's confirmation.
 */
export async function collectGroupMessageResults(
  deps: ActivityDeps,
  input: { workspaceId: string; runId: string; nodeId: string; now: number },
): Promise<{ pending: number }> {
  const now = new Date(input.now);
  const tasks = await openGroupTasks(deps.db, input);
  // Per target, what each task read now says: waiting, or the best outcome (sent first).
  const seen = new Map<string, { status: Status; employeeId: string }>();
  const rank: Record<Status, number> = { 0: 3, 1: 4, 2: 1, 3: 2 };
  for (const task of tasks) {
    const { config } = await loadAccount(deps, input.workspaceId, task.channelAccountId);
    const results = await deps.channels.wecomAdapter.groupMessageResult(config, task.messageId, task.userid);
    let pending = 0;
    let delivered = 0;
    for (const r of results) {
      const status = r.status as Status;
      if (status === 0) pending++;
      else if (status === 1) delivered++;
      const before = seen.get(r.target);
      if (!before || rank[status] > rank[before.status]) seen.set(r.target, { status, employeeId: task.employeeId });
    }
    await setGroupTaskCounts(deps.db, { id: task.id, pending, delivered, now });
  }
  if (seen.size > 0) {
    const groups = new Map<string, { outcome: GroupOutcome; ids: number[] }>();
    for (const row of await waitingGroupRows(deps.db, input)) {
      const found = row.recipient === null ? undefined : seen.get(row.recipient);
      if (!found || found.status === 0) continue;
      const outcome: GroupOutcome =
        found.status === 1
          ? { status: 'delivered', employeeId: found.employeeId }
          : found.status === 2
            ? {
                status: 'failed',
                errorCode: 'HERALD_ERR_CHANNEL_INVALID_RECIPIENT',
                errorMessage: 'no longer a customer of the employee',
              }
            : { status: 'skipped', reason: 'quota_day' };
      const key = JSON.stringify(outcome);
      const group = groups.get(key);
      if (group) group.ids.push(row.id);
      else groups.set(key, { outcome, ids: [row.id] });
    }
    for (const { outcome, ids } of groups.values()) await settleGroupRows(deps.db, { ids, outcome, now });
  }
  return { pending: await groupTargetsWaiting(deps.db, input) };
}
