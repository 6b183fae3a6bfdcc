import { describe, expect, it } from 'vitest';
import { msUntilQuietHoursEnd, msUntilTimeOfDay } from './time';

describe('time helpers', () => {
  const now = new Date('2026-11-24T12:30:00Z'); // 20:30 in Shanghai
  it('finds the next time of day in a zone', () => {
    expect(msUntilTimeOfDay(now, '21:00', 'Asia/Shanghai')).toBe(30 * 60_000);
    expect(msUntilTimeOfDay(now, '09:00', 'Asia/Shanghai')).toBe(12.5 * 3_600_000);
  });
  it('holds sends during quiet hours that cross midnight', () => {
    const quiet = { start: '20:00', end: '08:00', timezone: 'Asia/Shanghai' };
    expect(msUntilQuietHoursEnd(now, quiet)).toBe(11.5 * 3_600_000);
    expect(msUntilQuietHoursEnd(new Date('2026-11-24T02:00:00Z'), quiet)).toBe(0);
  });
});
