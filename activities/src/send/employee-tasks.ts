import type { NewTask } from '@herald/db';
import type { RecipientResult } from '@herald/channels';

/**
 * What each employee was asked to send, from a batch's results (WeCom): an agent message is one
 * task per contact (its delivery row); a group message is one task per (employee, platform task),
 * counting its targets and those the platform refused at once; a call the platform refused is a
 * failed task of its own. `employeeOf` maps WeCom user ids to employees.
 */
export function tasksOfResults(
  results: readonly RecipientResult[],
  employeeOf: ReadonlyMap<string, string>,
  perContact: boolean,
): NewTask[] {
  const tasks = new Map<string, NewTask>();
  for (const r of results) {
    for (const t of r.tasks ?? []) {
      const employeeId = employeeOf.get(t.owner);
      if (!employeeId) continue;
      const key = perContact ? r.key : `${t.owner}\u0000${t.messageId ?? `refused:${t.errorCode ?? ''}`}`;
      let task = tasks.get(key);
      if (!task) {
        task = {
          employeeId,
          messageId: t.messageId,
          targets: 0,
          refused: 0,
          ...(perContact ? { deliveryId: Number(r.key) } : {}),
          ...(t.errorCode ? { errorCode: t.errorCode } : {}),
        };
        tasks.set(key, task);
      }
      task.targets += 1;
      if (t.errorCode && t.messageId !== null) task.refused += 1;
    }
  }
  return [...tasks.values()];
}
