import { identityKindFor, loadAccount, type AccountDeps } from '@herald/channels';
import { capabilityOf, resolvePolicies, type Audience, type MethodId } from '@herald/engine';
import { countAudience, countSendable, loadWorkspaceSettings, withSegmentRule } from '@herald/db';
import { frequencyCapsFor } from './quota/frequency-caps';

export interface SendPreviewInput {
  workspaceId: string;
  channelAccountId: string;
  method: MethodId;
  audience: Audience;
}

export interface SendPreview {
  /** Contacts (or group chats) the audience selects. */
  audience: number;
  /** Of those, the ones with an address on the channel who have not unsubscribed. */
  reachable: number;
  /** Of those, the ones a send by the method would reach now, net of every rule a send checks. */
  sendable: number;
}

/**
 * The editor's dry run of a send, by the rules the send itself applies (the account's quota
 * overrides and time zone, the workspace's caps, an owning employee for WeCom's methods). Reads only.
 * An account not in the workspace throws HERALD_ERR_ACCOUNT_NOT_FOUND.
 */
export async function previewSend(deps: AccountDeps, input: SendPreviewInput, now = new Date()): Promise<SendPreview> {
  const account = await loadAccount(deps, input.workspaceId, input.channelAccountId);
  const capability = capabilityOf(input.method);
  const query = {
    workspaceId: input.workspaceId,
    audience: await withSegmentRule(deps.db, input.workspaceId, input.audience),
    channelAccountId: account.config.id,
    identityKind: identityKindFor(account.config.kind),
    // WeCom reaches a contact only through an employee who owns them: reachable needs one.
    owners: capability.throughOwner === true,
  };
  const policies = resolvePolicies(capability.policies, account.overrides);
  const settings = await loadWorkspaceSettings(deps.db, input.workspaceId);
  const caps = frequencyCapsFor(settings, { method: input.method }).map((cap) => ({
    ...cap,
    zone: settings.timezone ?? 'UTC',
  }));
  const [audience, reachable, sendable] = await Promise.all([
    countAudience(deps.db, query),
    countAudience(deps.db, query, { reachable: true }),
    countSendable(deps.db, query, input.method, policies, caps, now, account.quotaTimeZone),
  ]);
  return { audience, reachable, sendable };
}
