import type { ChannelKind } from '../channels/channel-kinds';
import { channelKindLabels } from '../channels/channel-kinds';
import type { JourneyGraph } from '../model/journey.schema';
import { issue, type ValidationCode, type ValidationIssue } from './issue';

/** What validation needs to know of a workspace's channel account. */
export interface KnownAccount {
  kind: ChannelKind;
  name: string;
  disabled: boolean;
}

const wechatKinds: readonly ChannelKind[] = ['wechat_service', 'wechat_subscription'];

/** The codes these rules report (the API refuses a publish that has any of them). */
export const accountIssueCodes: readonly ValidationCode[] = [
  'HERALD_ERR_ACCOUNT_NOT_FOUND',
  'HERALD_ERR_ACCOUNT_KIND_MISMATCH',
  'HERALD_ERR_ACCOUNT_DISABLED',
];

/**
 * The accounts a journey names, checked against the workspace's: each must exist and be enabled; a
 * follow trigger listens to a WeChat official account (only those have followers); a send goes
 * through an account of the kind its method belongs to. The editor runs these with the accounts it
 * lists, the API with the workspace's before publishing.
 */
export function accountRules(graph: JourneyGraph, accounts: Readonly<Record<string, KnownAccount>>): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const known = (id: string, at: { nodeId: string }, what: string): KnownAccount | undefined => {
    if (id === '') return undefined;
    const account = accounts[id];
    if (!account)
      out.push(
        issue(
          'HERALD_ERR_ACCOUNT_NOT_FOUND',
          `${what} uses an account this workspace does not have; choose another.`,
          at,
        ),
      );
    else if (account.disabled)
      out.push(
        issue(
          'HERALD_ERR_ACCOUNT_DISABLED',
          `${what} uses "${account.name}", which is disabled; ` +
            'choose another account or enable it on the Channels page.',
          at,
        ),
      );
    return account;
  };
  for (const node of graph.nodes) {
    const at = { nodeId: node.id };
    if (node.kind === 'follow') {
      const account = known(node.data.channelAccountId, at, 'This trigger');
      if (account && !wechatKinds.includes(account.kind))
        out.push(
          issue(
            'HERALD_ERR_ACCOUNT_KIND_MISMATCH',
            `"${account.name}" is a ${channelKindLabels[account.kind]} account, which has no followers; ` +
              'a follow trigger listens to a WeChat official account.',
            at,
          ),
        );
    } else if (node.kind === 'send') {
      const account = known(node.data.channelAccountId, at, 'This message step');
      if (account && account.kind !== node.data.channel)
        out.push(
          issue(
            'HERALD_ERR_ACCOUNT_KIND_MISMATCH',
            `"${account.name}" is a ${channelKindLabels[account.kind]} account, ` +
              `not a ${channelKindLabels[node.data.channel]} one; choose the account again.`,
            at,
          ),
        );
    } else if (node.kind === 'split') {
      const conditions =
        node.data.mode === 'yes_no' ? [node.data.condition] : node.data.branches.map((b) => b.condition);
      for (const c of conditions) if (c.kind === 'interacted') known(c.channelAccountId, at, 'This split');
    }
  }
  return out;
}
