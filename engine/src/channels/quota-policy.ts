import type { SkipReason } from './channel-kinds';
import { instantOf, localTimeIn } from '../model/zoned-time';

export type QuotaWindow = 'minute' | 'hour' | 'day' | 'week' | 'month';

/**
 * A limit the engine enforces. `quota` limits skip the send with `skipReason` when reached;
 * `rate` limits pace the sender (platforms that drop silently): the send waits for the next window,
 * nothing is skipped, so a rate has no skip reason; `window` policies admit a recipient only within
 * `limit` × `window` of their last interaction; `after_event` policies allow at most `limit` sends in
 * the `window` after a recipient's follow, scan or menu click (WeChat's customer-service messages),
 * unless the recipient also wrote within the interaction window, and skip the rest.
 * `per` says what is counted against: each recipient, the channel account, or each `member` — the
 * employee who receives an app message (a WeCom agent message goes to the contact's owning employee,
 * who sends it on: the platform's per-member rates count the employee's app messages, not the
 * contact's); `unit` whether messages or API calls are counted.
 */
export type QuotaPolicy = StoppingPolicy | PacingPolicy;

interface PolicyLimit {
  key: string;
  per: 'recipient' | 'account' | 'member';
  unit: 'message' | 'call';
  limit: number;
  window: QuotaWindow;
  description: string;
}

/** A limit that stops a send when reached: recorded as skipped with its reason. */
export interface StoppingPolicy extends PolicyLimit {
  kind: 'quota' | 'window' | 'after_event';
  skipReason: SkipReason;
}

/** A platform's pace: the sender waits for the next window; nothing is skipped. */
export interface PacingPolicy extends PolicyLimit {
  kind: 'rate';
}

/** Whether a policy stops sends (a quota, a window, an after-event limit) rather than pacing them. */
export const isStopping = (p: QuotaPolicy): p is StoppingPolicy => p.kind !== 'rate';

/** A per-account override of a default policy (the platforms change their rules over time). */
export interface QuotaOverride {
  limit?: number;
  window?: QuotaWindow;
  disabled?: boolean;
}

/** The policies in force: registry defaults with an account's overrides applied. */
export function resolvePolicies(
  defaults: readonly QuotaPolicy[],
  overrides: Readonly<Record<string, QuotaOverride>> = {},
): QuotaPolicy[] {
  return defaults.flatMap((policy): QuotaPolicy[] => {
    const override = overrides[policy.key];
    if (override?.disabled) return [];
    const window = override?.window ?? policy.window;
    const limit = override?.limit ?? policy.limit;
    if (policy.kind === 'rate') return [{ ...policy, limit, window }];
    const skipReason: SkipReason =
      policy.kind === 'quota' && override?.window
        ? window === 'month'
          ? 'quota_month'
          : window === 'week'
            ? 'quota_week'
            : 'quota_day'
        : policy.skipReason;
    return [{ ...policy, limit, window, skipReason }];
  });
}

const dayMs = 86_400_000;

/** The instant of local midnight `days` after the local date (y, m, d) in `zone`. */
const midnight = (y: number, m: number, d: number, days: number, zone: string): Date => {
  const date = new Date(Date.UTC(y, m - 1, d + days, 12));
  return new Date(instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 0, 0, zone));
};

/**
 * The start of the window containing `now`: a calendar window in `zone` (weeks start on Monday).
 * Quotas count calendar windows, not rolling ones: the platforms' limits are per day, week or
 * month (DESIGN.md, "Channel rules": WeCom's 1 group message a day per contact, WeChat's 4 mass
 * messages a month per fan, 100 mass-send calls a day), in the platform's own time
 * (`platform-time.ts`: China Standard Time for WeChat and WeCom).
 */
export function windowStart(window: QuotaWindow, now: Date, zone = 'UTC'): Date {
  const t = now.getTime();
  if (window === 'minute') return new Date(t - (t % 60_000));
  const l = localTimeIn(t, zone);
  switch (window) {
    case 'hour':
      // Offsets are whole minutes: the local hour began this many minutes and seconds ago.
      return new Date(t - (t % 1000) - (l.minute * 60 + l.second) * 1000);
    case 'day':
      return midnight(l.year, l.month, l.day, 0, zone);
    case 'week':
      return midnight(l.year, l.month, l.day, -((l.weekday + 6) % 7), zone);
    case 'month':
      return midnight(l.year, l.month, 1, 0, zone);
  }
}

/** The start of the next window after the one containing `now` (calendar windows in `zone`). */
export function nextWindowStart(window: QuotaWindow, now: Date, zone = 'UTC'): Date {
  const start = windowStart(window, now, zone);
  if (window === 'minute') return new Date(start.getTime() + 60_000);
  if (window === 'hour') return new Date(start.getTime() + 3_600_000);
  // Noon after the start is safely inside the window's first local day, whatever the zone's offset.
  const l = localTimeIn(start.getTime() + dayMs / 2, zone);
  switch (window) {
    case 'day':
      return midnight(l.year, l.month, l.day, 1, zone);
    case 'week':
      return midnight(l.year, l.month, l.day, 7, zone);
    case 'month': {
      const next = new Date(Date.UTC(l.year, l.month, 1, 12));
      return midnight(next.getUTCFullYear(), next.getUTCMonth() + 1, 1, 0, zone);
    }
  }
}

/** A marketer's frequency cap: at most `limit` messages to one contact per calendar `window`, on every channel. */
export interface FrequencyCap {
  limit: number;
  window: 'day' | 'week' | 'month';
}

/**
 * The per-contact policy of a frequency cap: counted against the contact (not the address on one
 * channel), so it spans channels; a send it stops is skipped with `frequency_cap`.
 */
export function frequencyCapPolicy(key: string, cap: FrequencyCap, scope: string): StoppingPolicy {
  return {
    key,
    kind: 'quota',
    per: 'recipient',
    unit: 'message',
    limit: cap.limit,
    window: cap.window,
    skipReason: 'frequency_cap',
    description: `${scope}: at most ${cap.limit} message${cap.limit === 1 ? '' : 's'} a ${cap.window} to one contact.`,
  };
}
