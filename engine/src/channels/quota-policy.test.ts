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

  // Quota windows are calendar windows (DESIGN.md: "a contact receives at most 1 group message a day",
  // "a fan receives at most 4 a month"), counted in UTC, weeks from Monday.
  it.each([
    // window, now, start of its window, start of the next
    ['minute', '2026-11-26T15:42:10Z', '2026-11-26T15:42:00.000Z', '2026-11-26T15:43:00.000Z'],
    ['hour', '2026-11-26T15:42:10Z', '2026-11-26T15:00:00.000Z', '2026-11-26T16:00:00.000Z'],
    ['day', '2026-11-26T15:42:10Z', '2026-11-26T00:00:00.000Z', '2026-11-27T00:00:00.000Z'],
    ['day', '2026-11-26T00:00:00Z', '2026-11-26T00:00:00.000Z', '2026-11-27T00:00:00.000Z'],
    ['week', '2026-11-26T15:42:10Z', '2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z'], // a Thursday
    ['week', '2026-11-29T23:59:59Z', '2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z'], // a Sunday
    ['week', '2026-11-30T00:00:00Z', '2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z'], // a Monday
    ['month', '2026-11-26T15:42:10Z', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['month', '2026-12-31T23:59:00Z', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['month', '2028-02-29T12:00:00Z', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
  ] as const)('a %s window at %s starts at %s, the next at %s', (window, now, start, next) => {
    expect(windowStart(window, new Date(now)).toISOString()).toBe(start);
    expect(nextWindowStart(window, new Date(now)).toISOString()).toBe(next);
  });
});
