import { describe, expect, it } from 'vitest';
import { capabilityOf } from './registry';
import { nextWindowStart, resolvePolicies, windowStart } from './quota-policy';

describe('quota policies are data with per-account overrides', () => {
  it('defaults WeCom group messages to 1 a day per contact', () => {
    expect(resolvePolicies(capabilityOf('wecom_group_msg').policies)).toEqual([
      expect.objectContaining({ key: 'wecom_group_per_contact', limit: 1, window: 'day', skipReason: 'quota_day' }),
    ]);
  });

  it('lets an account switch to 4 a month (the platform changed the rule before)', () => {
    const [policy] = resolvePolicies(capabilityOf('wecom_group_msg').policies, {
      wecom_group_per_contact: { limit: 4, window: 'month' },
    });
    expect(policy).toMatchObject({ limit: 4, window: 'month', skipReason: 'quota_month' });
  });

  it('can disable a policy for an account', () => {
    expect(
      resolvePolicies(capabilityOf('wechat_mass').policies, { wechat_mass_calls: { disabled: true } }).map(
        (p) => p.key,
      ),
    ).not.toContain('wechat_mass_calls');
  });

  it('computes calendar windows in UTC', () => {
    const t = new Date('2026-11-26T15:42:10Z'); // a Thursday
    expect(windowStart('day', t).toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(windowStart('week', t).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(windowStart('month', t).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(nextWindowStart('month', new Date('2026-12-31T23:59:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(nextWindowStart('minute', t).toISOString()).toBe('2026-11-26T15:43:00.000Z');
  });
});
