// Pure time helpers shared by the workflows (deterministic: `now` is always passed in).

/** Whether a string names an IANA time zone this runtime knows ('Asia/Shanghai', 'UTC'). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes since midnight of `now` in an IANA time zone (UTC when the zone is unknown). */
export function minutesOfDayIn(now: Date, timeZone: string): number {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now);
    const hour = Number(parts.find((p) => p.type === 'hour')?.value);
    const minute = Number(parts.find((p) => p.type === 'minute')?.value);
    return hour * 60 + minute;
  } catch {
    return now.getUTCHours() * 60 + now.getUTCMinutes();
  }
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Milliseconds from `now` until the next HH:MM in `timeZone` (0 when it is that minute now). */
export function msUntilTimeOfDay(now: Date, hhmm: string, timeZone: string): number {
  const current = minutesOfDayIn(now, timeZone);
  const delta = (toMinutes(hhmm) - current + 1440) % 1440;
  return delta * 60_000 - (now.getUTCSeconds() * 1000 + now.getUTCMilliseconds()) * (delta === 0 ? 0 : 1);
}

/** Milliseconds until quiet hours end, or 0 when `now` is outside them (windows may cross midnight). */
export function msUntilQuietHoursEnd(
  now: Date,
  quiet: { start: string; end: string; timezone: string } | undefined,
): number {
  if (!quiet) return 0;
  const current = minutesOfDayIn(now, quiet.timezone);
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  const inside = start <= end ? current >= start && current < end : current >= start || current < end;
  return inside ? msUntilTimeOfDay(now, quiet.end, quiet.timezone) : 0;
}
