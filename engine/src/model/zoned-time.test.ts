import { describe, expect, it } from 'vitest';
import { insideDailyHours, instantOf, nextWallTime } from './zoned-time';
import { nextOccurrence, type Recurrence } from './recurrence';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const at = (s: string) => new Date(s).getTime();

describe('instantOf: a wall-clock minute in a zone', () => {
  it.each([
    ['an ordinary time in Shanghai (UTC+8, no DST)', [2026, 11, 30, 9, 0, 'Asia/Shanghai'], '2026-11-30T01:00:00.000Z'],
    ['winter in New York (UTC-5)', [2026, 1, 15, 9, 0, 'America/New_York'], '2026-01-15T14:00:00.000Z'],
    ['summer in New York (UTC-4)', [2026, 7, 15, 9, 0, 'America/New_York'], '2026-07-15T13:00:00.000Z'],
    [
      '02:30 on the spring-forward night runs at 03:00 EDT, the first minute after the gap',
      [2026, 3, 8, 2, 30, 'America/New_York'],
      '2026-03-08T07:00:00.000Z',
    ],
    [
      '01:30 on the fall-back night (it happens twice) is the earlier, EDT',
      [2026, 11, 1, 1, 30, 'America/New_York'],
      '2026-11-01T05:30:00.000Z',
    ],
    [
      '02:30 on Europe/Berlin spring forward runs at 03:00 CEST',
      [2026, 3, 29, 2, 30, 'Europe/Berlin'],
      '2026-03-29T01:00:00.000Z',
    ],
    [
      'Lord Howe (a 30-minute DST) 02:15 in its gap runs at 02:30',
      [2026, 10, 4, 2, 15, 'Australia/Lord_Howe'],
      '2026-10-03T15:30:00.000Z',
    ],
  ] as const)('%s', (_name, [y, mo, d, h, mi, zone], expected) => {
    expect(iso(instantOf(y, mo, d, h, mi, zone))).toBe(expected);
  });
});

describe('nextWallTime and schedules', () => {
  it('takes the next 09:00 in the zone, tomorrow when today has passed', () => {
    expect(iso(nextWallTime(at('2026-11-30T00:30:00Z'), '09:00', 'Asia/Shanghai'))).toBe('2026-11-30T01:00:00.000Z');
    expect(iso(nextWallTime(at('2026-11-30T01:00:00Z'), '09:00', 'Asia/Shanghai'))).toBe('2026-12-01T01:00:00.000Z');
  });

  const daily: Recurrence = {
    mode: 'recurring',
    every: 'day',
    time: '18:00',
    timezone: 'UTC',
    audience: { kind: 'all' },
  };
  it.each([
    [
      'daily 18:00 UTC published at 13:00 fires at 18:00 the same day',
      daily,
      '2026-11-29T13:00:00Z',
      '2026-11-29T18:00:00.000Z',
    ],
    ['daily 18:00 UTC, right at 18:00, fires the next day', daily, '2026-11-29T18:00:00Z', '2026-11-30T18:00:00.000Z'],
    [
      'weekly on Monday and Thursday 09:00 Shanghai, from Tuesday',
      { ...daily, every: 'week', weekdays: [1, 4], time: '09:00', timezone: 'Asia/Shanghai' },
      '2026-12-01T03:00:00Z',
      '2026-12-03T01:00:00.000Z',
    ],
    [
      'weekly with the single weekday field (Sunday)',
      { ...daily, every: 'week', weekday: 0, time: '10:00' },
      '2026-11-30T00:00:00Z',
      '2026-12-06T10:00:00.000Z',
    ],
    [
      'monthly on the 28th',
      { ...daily, every: 'month', dayOfMonth: 28, time: '08:00' },
      '2026-11-29T00:00:00Z',
      '2026-12-28T08:00:00.000Z',
    ],
    [
      'daily 02:30 New York on the spring-forward day runs at 03:00 EDT',
      { ...daily, time: '02:30', timezone: 'America/New_York' },
      '2026-03-07T12:00:00Z',
      '2026-03-08T07:00:00.000Z',
    ],
    ['a weekly schedule with no day never fires', { ...daily, every: 'week' }, '2026-11-29T00:00:00Z', null],
  ] as const)('%s', (_name, rule, after, expected) => {
    expect(iso(nextOccurrence(at(after), rule as Recurrence))).toBe(expected);
  });

  it('three daily occurrences are a day apart across a DST change, at the same wall time', () => {
    const rule: Recurrence = { ...daily, time: '09:00', timezone: 'Europe/Berlin' };
    const first = nextOccurrence(at('2026-03-28T00:00:00Z'), rule)!;
    const second = nextOccurrence(first, rule)!;
    const third = nextOccurrence(second, rule)!;
    expect([first, second, third].map(iso)).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
  });
});

describe('insideDailyHours', () => {
  it.each([
    ['22:00 Shanghai is inside 21:00–08:00', '2026-11-30T14:00:00Z', true],
    ['07:59 Shanghai is inside 21:00–08:00', '2026-11-30T23:59:00Z', true],
    ['08:00 Shanghai is outside 21:00–08:00', '2026-12-01T00:00:00Z', false],
    ['12:00 Shanghai is outside', '2026-11-30T04:00:00Z', false],
  ] as const)('%s', (_name, instant, inside) => {
    expect(insideDailyHours(at(instant), '21:00', '08:00', 'Asia/Shanghai')).toBe(inside);
  });
});
