import { describe, expect, it } from 'vitest';
import { followJourney, patchNode } from '../testing/fixtures';
import { tableNow as now } from '../testing/rule-case';
import { accountIssueCodes, type KnownAccount } from './account.rules';
import type { ValidationCode } from './issue';
import { validateJourney } from './validate-journey';

const accounts: Record<string, KnownAccount> = {
  'acc-oa': { kind: 'wechat_service', name: 'Acme OA', disabled: false },
  'acc-wecom': { kind: 'wecom', name: 'Acme WeCom', disabled: false },
  'acc-off': { kind: 'wecom', name: 'Old WeCom', disabled: true },
};
/** follow (on an account) → wait → WeCom agent message (through an account). */
const journey = (trigger: string, send: string) =>
  patchNode(followJourney({ channelAccountId: send }), 'trigger', { channelAccountId: trigger });

describe('the accounts a journey names, checked against the workspace', () => {
  it.each<[string, string, string, ValidationCode | null, string | null]>([
    ['a follow on an official account, a send through WeCom', 'acc-oa', 'acc-wecom', null, null],
    ['a follow on a WeCom account', 'acc-wecom', 'acc-wecom', 'HERALD_ERR_ACCOUNT_KIND_MISMATCH', 'trigger'],
    [
      'a send through an official account for a WeCom method',
      'acc-oa',
      'acc-oa',
      'HERALD_ERR_ACCOUNT_KIND_MISMATCH',
      'send',
    ],
    ['a send through a disabled account', 'acc-oa', 'acc-off', 'HERALD_ERR_ACCOUNT_DISABLED', 'send'],
    ["another workspace's account", 'acc-elsewhere', 'acc-wecom', 'HERALD_ERR_ACCOUNT_NOT_FOUND', 'trigger'],
  ])('%s', (_name, trigger, send, code, nodeId) => {
    const issues = validateJourney(journey(trigger, send), { now, accounts }).filter((i) =>
      accountIssueCodes.includes(i.code),
    );
    if (code === null) return expect(issues).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, nodeId, severity: 'error' });
    expect(issues[0]!.message).toMatch(/^["A-Z].{15,}\.$/);
  });

  it('is not checked when the accounts are not given (a draft drawn without them)', () => {
    expect(
      validateJourney(journey('acc-wecom', 'acc-oa'), { now }).filter((i) => accountIssueCodes.includes(i.code)),
    ).toEqual([]);
  });
});
