import {
  applyEmployeeActions,
  claimReminders,
  employeeConfirmTimes,
  expireAgentTasks,
  type ActionResult,
  type EmployeeAction,
  type HeraldDb,
} from '@herald/db';
import { ChannelError, loadAccount, type ChannelClients } from '@herald/channels';
import { GroupCommit, groupCommitOf } from './group-commit';

/**
 * How long an employee has to send an agent message when the account does not say (WeCom settings:
 * employeeConfirmHours).
 */
export const defaultEmployeeConfirmMs = 24 * 3_600_000;

/**
 * One pass over the agent messages waiting for their employee, at `now`: those past their account's
 * confirmation time expire (pending_employee → expired); the others are reminded, at most 3 times,
 * at a quarter, a half and three quarters of that time (of 24 hours when it is longer) — each
 * reminder an app message to the employee naming the customer. Reminders are counted before they
 * are sent, so two processes never send the same one. Returns how many it reminded and expired.
 */
export async function sweepEmployeeRequests(
  deps: { db: HeraldDb; secretKey: Buffer; channels: ChannelClients },
  now: Date,
  limit = 500,
): Promise<{ reminded: number; expired: number }> {
  const expiryMs = await employeeConfirmTimes(deps.db);
  const limits = { now, expiryMs, defaultExpiryMs: defaultEmployeeConfirmMs, limit };
  const expired = await expireAgentTasks(deps.db, limits);
  const due = await claimReminders(deps.db, limits);
  let reminded = 0;
  for (const task of due) {
    const { config } = await loadAccount(deps, task.workspaceId, task.channelAccountId);
    const text =
      `Reminder ${task.reminders} of 3: please send the message for ${task.contactName || 'your customer'} ` +
      `(${task.recipient}), or decline it.`;
    const [result] = await deps.channels
      .send({
        method: 'wecom_agent',
        account: config,
        // A reminder goes to the employee as it is (no request line): WeCom's app message to one member.
        recipients: [{ key: String(task.id), address: task.recipient, owners: [task.employeeUserId] }],
        messages: [{ type: 'text', text }],
        dedupKey: `reminder:${task.id}:${task.reminders}`,
        notice: true,
      })
      .catch((error: unknown) => {
        if (error instanceof ChannelError) return [];
        throw error;
      });
    if (result?.ok) reminded++;
  }
  return { reminded, expired };
}

/**
 * Applies one callback's employee answers (the WeCom app's, for one account) in a group commit: the
 * app posts one callback per request acted on, tens of thousands while a journey's employees work, and
 * WeCom gives up on a callback not answered within 5 s. Callbacks arriving together share one
 * transaction (its statements are set-based whatever the number of answers); each gets its own results.
 */
export function applyEmployeeAnswers(
  db: HeraldDb,
  account: { workspaceId: string; id: string },
  actions: readonly EmployeeAction[],
): Promise<ActionResult[]> {
  const group = groupCommitOf(
    db,
    `employee-answers|${account.id}`,
    () =>
      new GroupCommit(
        async (callbacks: Array<readonly EmployeeAction[]>) => {
          const results = await applyEmployeeActions(db, {
            workspaceId: account.workspaceId,
            channelAccountId: account.id,
            actions: callbacks.flat(),
          });
          let at = 0;
          return callbacks.map((c) => results.slice(at, (at += c.length)));
        },
        4,
        // A callback carries at most 1,000 answers; most carry one or two.
        100,
      ),
  );
  return group.add(actions);
}
