import { ChannelClients, ChannelError, fitRecipients, identityKindFor, loadAccount } from '@herald/channels';
import { memberContactId, recordTestSend, templateContacts, testRecipient } from '@herald/db';
import type { Message, MethodId } from '@herald/engine';
import type { AppDeps } from '../deps';
import type { Caller } from '../plugins/auth.plugin';
import { HeraldError, notFound } from '../errors/herald-error';

export interface TestSendInput {
  channelAccountId: string;
  method: MethodId;
  messages: Message[];
  groupName?: string;
  contactId?: string;
  journeyId?: string;
  nodeId?: string;
}

/** The contact a test goes to: the one named, or the member's own (by the member's email). */
async function testContact(deps: AppDeps, caller: Caller, contactId: string | undefined): Promise<string> {
  if (contactId) return contactId;
  if (!caller.memberId) throw HeraldError.of('HERALD_ERR_TEST_CONTACT_NOT_FOUND', { email: '(an API key has none)' });
  const me = await memberContactId(deps.db, { workspaceId: caller.workspaceId, memberId: caller.memberId });
  if (!me?.contactId) throw HeraldError.of('HERALD_ERR_TEST_CONTACT_NOT_FOUND', { email: me?.email ?? '' });
  return me.contactId;
}

/**
 * Sends messages as composed to one contact, personalised for it, straight to the provider: no run,
 * no delivery row, no quota or frequency cap, no counter — recorded in the test ledger
 * (`test_sends`) only, so no statistic or per-contact quota can count it. A text that does not fit
 * once personalised is skipped, as a real send would skip it.
 */
export async function testSend(deps: AppDeps, caller: Caller, input: TestSendInput) {
  const { workspaceId } = caller;
  const contactId = await testContact(deps, caller, input.contactId);
  const account = await loadAccount(deps, workspaceId, input.channelAccountId).catch(() => {
    throw notFound('The channel account');
  });
  const target = await testRecipient(deps.db, {
    workspaceId,
    contactId,
    identityKind: identityKindFor(account.config.kind),
    channelAccountId: account.config.id,
  });
  if (!target) throw notFound('The contact');
  if (!target.address)
    throw HeraldError.of('HERALD_ERR_TEST_NO_ADDRESS', { contact: target.name, account: 'this channel account' });
  const contact = (await templateContacts(deps.db, { workspaceId, contactIds: [contactId] })).get(contactId);
  const recipient = {
    key: 'test',
    address: target.address,
    owners: target.owners,
    ...(contact ? { contact } : {}),
  };
  const { fit, refused } = fitRecipients([recipient], input.messages, input.method);
  const channels = deps.channels ?? new ChannelClients();
  const [result] = fit.length
    ? await channels.send({
        method: input.method,
        account: account.config,
        recipients: fit,
        messages: input.messages,
        ...(input.groupName ? { groupName: input.groupName } : {}),
        dedupKey: `test:${contactId}:${Date.now()}`,
      })
    : refused;
  const error = result && !result.ok ? result.error : null;
  const status = !error ? 'sent' : fit.length === 0 ? 'skipped' : 'failed';
  await recordTestSend(deps.db, {
    workspaceId,
    memberId: caller.memberId,
    journeyId: input.journeyId ?? null,
    nodeId: input.nodeId ?? '',
    contactId,
    channelAccountId: account.config.id,
    method: input.method,
    recipient: target.address,
    status,
    errorCode: error instanceof ChannelError ? error.code : error ? 'HERALD_ERR_INTERNAL' : null,
    providerMessageId: result?.ok ? result.providerMessageId : null,
  });
  return { status, contact: target.name, recipient: target.address, problem: error?.message ?? '' } as const;
}
