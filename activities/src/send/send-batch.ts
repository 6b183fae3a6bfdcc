import { employeeUserIds, reserveForAccount, templateContacts, type PageRow } from '@herald/db';
import {
  capabilityOf,
  isPersonalised,
  messagesOfVariant,
  nextWindowStart,
  type MethodId,
  type QuotaPolicy,
  type SendData,
  type TemplateContact,
} from '@herald/engine';
import {
  ChannelError,
  PartialSendError,
  fitRecipients,
  withPlatformMedia,
  type loadAccount,
  type Recipient,
} from '@herald/channels';
import type { ActivityDeps } from '../deps';
import type { DeliverInput } from './deliver';
import { tasksOfResults } from './employee-tasks';
import { heartbeat } from './heartbeating';
import type { BatchOutcome } from './settle-batch';

async function sleepUntil(at: Date): Promise<void> {
  while (Date.now() < at.getTime()) {
    heartbeat('waiting for the rate-limit window');
    await new Promise((r) => setTimeout(r, Math.min(5000, at.getTime() - Date.now())));
  }
}

/**
 * Whether contacts are read: any text of the node's messages (or its fallback's) reads the contact, or
 * it is an agent message, whose request names its contact to the employee.
 */
export const isPersonal = (send: SendData): boolean =>
  send.method === 'wecom_agent' ||
  isPersonalised(send.messages) ||
  isPersonalised(send.fallback?.messages ?? []) ||
  (send.variants ?? []).some((v) => isPersonalised(v.messages ?? []));

/** What a page's provider calls read once for all its batches: its employees' WeCom ids, its contacts' fields. */
export interface PageLookups {
  ownerUserIds: ReadonlyMap<string, string>;
  contacts: ReadonlyMap<string, TemplateContact>;
}

/** Reads, for the rows that go out, their employees' WeCom user ids and (personalised sends) their contacts. */
export async function pageLookups(
  deps: ActivityDeps,
  input: DeliverInput,
  rows: readonly PageRow[],
): Promise<PageLookups> {
  const owners = [...new Set(rows.flatMap((r) => r.ownerEmployeeIds))];
  const ownerUserIds = new Map(
    owners.length === 0 ? [] : (await employeeUserIds(deps.db, { ids: owners })).map((e) => [e.id, e.wecom_user_id]),
  );
  // What personalised messages read of each contact (group chats have none: they render as for nobody);
  // an agent message's request names its contact.
  const contacts = isPersonal(input.send)
    ? await templateContacts(deps.db, { workspaceId: input.workspaceId, contactIds: rows.map((r) => r.contactId) })
    : new Map<string, TemplateContact>();
  return { ownerUserIds, contacts };
}

/** Calls the provider for a batch's rows (one call per method: a window's fallback goes by its own). */
export async function sendBatch(
  deps: ActivityDeps,
  input: DeliverInput,
  account: Awaited<ReturnType<typeof loadAccount>>['config'],
  policies: readonly QuotaPolicy[],
  members: readonly PageRow[],
  zone: string,
  lookups: PageLookups,
): Promise<BatchOutcome> {
  const capability = capabilityOf(input.send.method);
  const { ownerUserIds, contacts } = lookups;
  const recipients: Recipient[] = members.map((r) => {
    const contact = contacts.get(r.contactId);
    return {
      key: String(r.id),
      address: r.recipient ?? '',
      owners: r.ownerEmployeeIds.map((id) => ownerUserIds.get(id)).filter((u): u is string => u !== undefined),
      ...(contact ? { contact } : {}),
    };
  });

  for (const policy of policies.filter((p) => p.kind === 'rate' && p.per === 'account')) {
    const calls = Math.ceil(recipients.length / capability.batchSize);
    let granted = 0;
    while (granted < calls) {
      granted += await reserveForAccount(
        deps.db,
        input.workspaceId,
        policy,
        account.id,
        calls - granted,
        new Date(),
        zone,
      );
      if (granted < calls) await sleepUntil(nextWindowStart(policy.window, new Date(), zone));
    }
  }

  heartbeat({ sending: recipients.length });
  const outcome: BatchOutcome = { results: [], tasks: [] };
  const methodOf = new Map(members.map((r) => [String(r.id), r.method]));
  for (const method of new Set(methodOf.values())) {
    const isFallback = method !== input.send.method && input.send.fallback?.method === method;
    const group = recipients.filter((r) => methodOf.get(r.key) === method);
    const messages = isFallback ? input.send.fallback!.messages : messagesOfVariant(input.send, members[0]!.variant);
    // Each contact's text is checked as personalised for them: one that does not fit is refused, never cut.
    const { fit, refused } = fitRecipients(group, messages, method as MethodId);
    outcome.results.push(...refused);
    if (fit.length === 0) continue;
    try {
      outcome.results.push(
        ...(await deps.channels.send({
          method: method as SendData['method'],
          account,
          recipients: fit,
          messages: await withPlatformMedia(deps.db, deps.channels.wecomAdapter, account, messages),
          type: input.send.type,
          dedupKey: `${input.runId}:${input.nodeId}:${input.entrySeq}:${group[0]!.key}`,
          ...(input.send.groupName ? { groupName: input.send.groupName } : {}),
        })),
      );
    } catch (caught) {
      // Calls answered before the failure are kept: settled now, never sent again.
      if (caught instanceof PartialSendError) outcome.results.push(...caught.results);
      const error = caught instanceof PartialSendError ? caught.error : caught;
      if (!(error instanceof ChannelError)) throw error;
      if (error.retryable) outcome.retryable = error;
      else outcome.failure = error;
      break;
    }
  }
  const employeeOf = new Map([...ownerUserIds].map(([id, userid]) => [userid, id]));
  outcome.tasks = tasksOfResults(outcome.results, employeeOf, input.send.method === 'wecom_agent');
  return outcome;
}
