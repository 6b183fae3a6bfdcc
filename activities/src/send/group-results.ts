import {
  addGroupReads,
  groupTargetsWaiting,
  openGroupReads,
  openGroupTasks,
  setGroupTaskCounts,
  settleGroupReads,
} from '@herald/db';
import { loadAccount } from '@herald/channels';
import type { ActivityDeps } from '../deps';

/**
 * Reads WeCom group-message results for every task of a step still waiting for its employee, and
 * applies them: each task's counts (pending, delivered, undelivered) from its full result list;
 * each waiting row (a contact, or a group chat) to its outcome across its owners' tasks read now —
 * delivered by the first employee whose task sent it (the row names that employee), otherwise
 * still waiting while some task has it unconfirmed, otherwise failed (no longer a customer) or
 * skipped (it had a group message that day, from another employee or another broadcast). Returns
 * how many targets still wait for their employee's confirmation. The worker holds one task's results at a
 * time: the reads meet in a scratch table of the transaction and the rows move in one statement.
 */
export async function collectGroupMessageResults(
  deps: ActivityDeps,
  input: { workspaceId: string; runId: string; nodeId: string; now: number },
): Promise<{ pending: number }> {
  const now = new Date(input.now);
  const tasks = await openGroupTasks(deps.db, input);
  if (tasks.length > 0) {
    await deps.db.transaction(async (t) => {
      const tx = t as unknown as typeof deps.db;
      await openGroupReads(tx);
      for (const task of tasks) {
        const { config } = await loadAccount(deps, input.workspaceId, task.channelAccountId);
        const results = await deps.channels.wecomAdapter.groupMessageResult(config, task.messageId, task.userid);
        const pending = results.filter((r) => r.status === 0).length;
        const delivered = results.filter((r) => r.status === 1).length;
        await setGroupTaskCounts(tx, { id: task.id, pending, delivered, now });
        await addGroupReads(tx, { employeeId: task.employeeId, results });
      }
      await settleGroupReads(tx, { ...input, now });
    });
  }
  return { pending: await groupTargetsWaiting(deps.db, input) };
}
