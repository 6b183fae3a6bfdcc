import { describe, expect, it } from 'vitest';
import type { MethodId } from './channel-kinds';
import { interactionWindowHours, interactionWindowSince, opensInteractionWindow } from './interaction-window';
import type { QuotaOverride } from './quota-policy';

// WeChat's customer-service window (Service_Center_messages, cited in interaction-window.ts).
describe("WeChat's customer-service window", () => {
  it.each([
    // event type, opens the window
    ['message', true],
    ['follow', true],
    ['subscribe', true],
    ['click', true],
    ['scancode_push', true],
    ['scancode_waitmsg', true],
    ['scan', true],
    ['payment', true],
    ['rights', true],
    ['menu_view', false],
    ['menu_click', false],
    ['wechat_pic_sysphoto', false],
    ['wechat_location_select', false],
    ['unfollow', false],
    ['template_result', false],
    ['mass_result', false],
    ['form_submit', false],
    ['purchase', false],
  ] as const)('an event %s opens it: %s', (type, opens) => {
    expect(opensInteractionWindow(type)).toBe(opens);
  });

  it.each<[string, MethodId, Record<string, QuotaOverride>, number | undefined]>([
    ['customer service, the platform default', 'wechat_customer_service', {}, 48],
    [
      'an account that overrides it to a day',
      'wechat_customer_service',
      { wechat_cs_window: { window: 'day', limit: 1 } },
      24,
    ],
    ['an account that overrides it to 72 hours', 'wechat_customer_service', { wechat_cs_window: { limit: 72 } }, 72],
    ['an account that disables it', 'wechat_customer_service', { wechat_cs_window: { disabled: true } }, undefined],
    ['an override of another policy', 'wechat_customer_service', { wechat_template_daily: { limit: 1 } }, 48],
    ['template messages (no window)', 'wechat_template', {}, undefined],
    ['WeCom agent messages (no window)', 'wecom_agent', {}, undefined],
  ])('lasts, for %s, %s hours', (_case, method, overrides, hours) => {
    expect(interactionWindowHours(method, overrides)).toBe(hours);
  });

  it('admits a fan whose last interaction is at most the window before now', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    expect(interactionWindowSince(now, 48).toISOString()).toBe('2026-11-24T12:00:00.000Z');
    expect(interactionWindowSince(now, 24).toISOString()).toBe('2026-11-25T12:00:00.000Z');
  });
});
