import { describe, expect, it } from 'vitest';
import type { ChannelKind } from './channel-kinds';
import { quotaTimeZone } from './platform-time';
import { nextWindowStart, windowStart, type QuotaWindow } from './quota-policy';

// Platform time (platform-time.ts): WeChat and WeCom count days and months in China Standard Time.
describe('the time zone an account counts its quotas in', () => {
  it.each<[ChannelKind, string | null, string]>([
    ['wechat_service', null, 'Asia/Shanghai'],
    ['wechat_subscription', null, 'Asia/Shanghai'],
    ['wecom', null, 'Asia/Shanghai'],
    ['wecom', '', 'Asia/Shanghai'],
    ['wecom', 'Europe/Berlin', 'Europe/Berlin'],
    ['chat_platform', null, 'UTC'],
    ['email', null, 'UTC'],
    ['webhook', null, 'UTC'],
  ])('a %s account with the setting %s counts in %s', (kind, override, zone) => {
    expect(quotaTimeZone(kind, override)).toBe(zone);
  });

  it.each<[QuotaWindow, string, string, string, string]>([
    // window, zone, now, start of its window, start of the next
    // 20:00 UTC is 04:00 the next day in Shanghai: that day's window.
    ['day', 'Asia/Shanghai', '2026-11-26T20:00:00Z', '2026-11-26T16:00:00.000Z', '2026-11-27T16:00:00.000Z'],
    ['day', 'Asia/Shanghai', '2026-11-26T15:59:59Z', '2026-11-25T16:00:00.000Z', '2026-11-26T16:00:00.000Z'],
    // 23:30 and 00:30 China time are two days; 01:00 and 15:00 one.
    ['day', 'Asia/Shanghai', '2026-11-26T15:30:00Z', '2026-11-25T16:00:00.000Z', '2026-11-26T16:00:00.000Z'],
    ['day', 'Asia/Shanghai', '2026-11-26T16:30:00Z', '2026-11-26T16:00:00.000Z', '2026-11-27T16:00:00.000Z'],
    ['day', 'Asia/Shanghai', '2026-11-26T17:00:00Z', '2026-11-26T16:00:00.000Z', '2026-11-27T16:00:00.000Z'],
    ['day', 'Asia/Shanghai', '2026-11-27T07:00:00Z', '2026-11-26T16:00:00.000Z', '2026-11-27T16:00:00.000Z'],
    // The 1st of the month starts on the last evening of the month before, in UTC.
    ['month', 'Asia/Shanghai', '2026-11-30T17:00:00Z', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['month', 'Asia/Shanghai', '2026-11-30T15:00:00Z', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
    // Weeks from Monday: Monday 02:00 in Shanghai is still Sunday in UTC.
    ['week', 'Asia/Shanghai', '2026-11-29T18:00:00Z', '2026-11-29T16:00:00.000Z', '2026-12-06T16:00:00.000Z'],
    // A zone with daylight saving: the day of the spring change lasts 23 hours.
    ['day', 'Europe/Berlin', '2026-03-29T12:00:00Z', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    // A half-hour zone: its hours start at :30 UTC.
    ['hour', 'Asia/Kolkata', '2026-11-26T15:42:10Z', '2026-11-26T15:30:00.000Z', '2026-11-26T16:30:00.000Z'],
    ['minute', 'Asia/Shanghai', '2026-11-26T15:42:10Z', '2026-11-26T15:42:00.000Z', '2026-11-26T15:43:00.000Z'],
    ['day', 'UTC', '2026-11-26T20:00:00Z', '2026-11-26T00:00:00.000Z', '2026-11-27T00:00:00.000Z'],
  ])('a %s window in %s at %s starts at %s, the next at %s', (window, zone, now, start, next) => {
    expect(windowStart(window, new Date(now), zone).toISOString()).toBe(start);
    expect(nextWindowStart(window, new Date(now), zone).toISOString()).toBe(next);
  });
});
