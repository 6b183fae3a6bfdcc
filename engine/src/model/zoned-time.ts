// Wall-clock times in IANA zones, as instants: "09:00 in Asia/Shanghai on the next Monday".
// Pure and deterministic (no clock is read), so workflow code and activities share them.

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** A wall-clock date and time in a zone. `weekday`: 0 = Sunday. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock time of an instant in a zone. */
export function localTimeIn(instant: number, zone: string): LocalTime & { second: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdays.indexOf(parts.weekday ?? 'Sun'),
  };
}

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetAt(instant: number, zone: string): number {
  const t = Math.floor(instant / 1000) * 1000;
  const l = localTimeIn(t, zone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - t;
}

/**
 * The instant of a wall-clock minute in a zone. A time the zone skips (the hour a DST change jumps
 * over) gives the first minute after the gap — "02:30" on a spring-forward night runs at 03:00 —
 * and a time that happens twice (fall back) gives the earlier one.
 */
export function instantOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  zone: string,
): number {
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const offsets = [...new Set([offsetAt(local - 86_400_000, zone), offsetAt(local + 86_400_000, zone)])];
  const valid = offsets.map((o) => local - o).filter((t) => offsetAt(t, zone) === local - t);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: the change happens between the two candidate instants; find its minute.
  let lo = Math.min(...offsets.map((o) => local - o));
  let hi = Math.max(...offsets.map((o) => local - o));
  const after = offsetAt(hi, zone);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offsetAt(mid, zone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The first instant after `after` (strictly) whose wall clock in `zone` reads `hhmm` on a day that
 * `onDay` accepts (every day when absent). Looks at most 400 days ahead; null when no day matches.
 */
export function nextWallTime(
  after: number,
  hhmm: string,
  zone: string,
  onDay: (local: LocalTime) => boolean = () => true,
): number | null {
  const start = localTimeIn(after, zone);
  const minutes = toMinutes(hhmm);
  for (let d = 0; d <= 400; d++) {
    // Noon UTC of the local calendar date d days on: its date parts are that day's.
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + d, 12));
    const day = {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(minutes / 60),
      minute: minutes % 60,
      weekday: date.getUTCDay(),
    };
    if (!onDay(day)) continue;
    const t = instantOf(day.year, day.month, day.day, day.hour, day.minute, zone);
    if (t > after) return t;
  }
  return null;
}

/** Whether `instant` falls inside daily hours [start, end) in `zone` (a window may cross midnight). */
export function insideDailyHours(instant: number, start: string, end: string, zone: string): boolean {
  const l = localTimeIn(instant, zone);
  const now = l.hour * 60 + l.minute;
  const s = toMinutes(start);
  const e = toMinutes(end);
  return s <= e ? now >= s && now < e : now >= s || now < e;
}
