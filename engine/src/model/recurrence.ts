import type { NodeData } from './node.schema';
import { nextWallTime } from './zoned-time';

/** A repeating schedule as the trigger holds it. */
export type Recurrence = Extract<NodeData<'schedule'>, { mode: 'recurring' }>;

/** The weekdays a weekly schedule runs on (0 = Sunday): the list, else the single day. */
export const weekdaysOf = (r: Recurrence): number[] => r.weekdays ?? (r.weekday === undefined ? [] : [r.weekday]);

/**
 * The schedule's first occurrence strictly after `after` (ms since epoch), in its own zone: every
 * day, on the chosen weekdays, or on a day of the month, at its time. A time the zone skips (DST)
 * runs at the first minute after the gap. Null when the rule names no day.
 */
export function nextOccurrence(after: number, r: Recurrence): number | null {
  switch (r.every) {
    case 'day':
      return nextWallTime(after, r.time, r.timezone);
    case 'week': {
      const days = weekdaysOf(r);
      return days.length === 0 ? null : nextWallTime(after, r.time, r.timezone, (d) => days.includes(d.weekday));
    }
    case 'month':
      return r.dayOfMonth === undefined ? null : nextWallTime(after, r.time, r.timezone, (d) => d.day === r.dayOfMonth);
  }
}
