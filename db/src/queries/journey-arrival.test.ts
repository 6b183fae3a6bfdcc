import { describe, expect, it } from 'vitest';
import { waitEnd } from './journey-arrival';

const day = 86_400_000;

describe('waitEnd', () => {
  it('ends a wait no sooner than its length and at most a thousandth of it later', () => {
    for (const ms of [1, 999, 60_000, 3_600_000, day, 7 * day]) {
      for (const at of [0, 1, 1_764_500_000_123, 1_764_500_086_399]) {
        const end = waitEnd(at, ms);
        expect(end).toBeGreaterThanOrEqual(at + ms);
        expect(end - (at + ms)).toBeLessThanOrEqual(Math.max(ms / 1000, 1));
      }
    }
  });

  it("wakes a cohort that reached a day's wait within a minute as one (what a million contacts' send takes)", () => {
    const start = Date.UTC(2026, 10, 30, 12, 0, 0);
    // Entered every 10 ms over a minute, just after a grid line (86.4 s): one wake-up time for all of them.
    const ends = new Set(Array.from({ length: 6000 }, (_, i) => waitEnd(start + 1 + i * 10, day)));
    expect([...ends]).toEqual([start + day + 86_400]);
    // A short wait keeps its length to the millisecond (its grid is 1 ms).
    expect(waitEnd(start + 7, 500)).toBe(start + 507);
  });
});
