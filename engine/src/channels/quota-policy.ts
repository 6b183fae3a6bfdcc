import type { SkipReason } from './channel-kinds';

export type QuotaWindow = 'minute' | 'hour' | 'day' | 'week' | 'month';

/**
 * A limit the engine enforces. `quota` limits skip the send with `skipReason` when reached;
 * `rate` limits make the sender wait for the next window (platforms that drop silently);
 * `window` policies admit a recipient only within `limit` × `window` of their last interaction.
 * `per` says what is counted against: each recipient or the channel account; `unit` whether
 * messages or API calls are counted.
 */
export interface QuotaPolicy {
  key: string;
  kind: 'quota' | 'rate' | 'window';
  per: 'recipient' | 'account';
  unit: 'message' | 'call';
  limit: number;
  window: QuotaWindow;
  skipReason: SkipReason;
  description: string;
}

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
  return defaults.flatMap((policy) => {
    const override = overrides[policy.key];
    if (override?.disabled) return [];
    const window = override?.window ?? policy.window;
    const skipReason: SkipReason =
      policy.kind === 'quota' && override?.window
        ? window === 'month'
          ? 'quota_month'
          : window === 'week'
            ? 'quota_week'
            : 'quota_day'
        : policy.skipReason;
    return [{ ...policy, limit: override?.limit ?? policy.limit, window, skipReason }];
  });
}

const dayMs = 86_400_000;

/**
 * The start of the window containing `now` (UTC calendar; weeks start on Monday). Quotas count
 * calendar windows, not rolling ones: the platforms' limits are per day, week or month (DESIGN.md,
 * "Channel rules": WeCom's 1 group message a day per contact, WeChat's 4 mass messages a month per
 * fan, 100 mass-send calls a day). They count days in China Standard Time; Herald counts in UTC.
 */
export function windowStart(window: QuotaWindow, now: Date): Date {
  const d = new Date(now.getTime());
  switch (window) {
    case 'minute':
      d.setUTCSeconds(0, 0);
      return d;
    case 'hour':
      d.setUTCMinutes(0, 0, 0);
      return d;
    case 'day':
      d.setUTCHours(0, 0, 0, 0);
      return d;
    case 'week': {
      d.setUTCHours(0, 0, 0, 0);
      const sinceMonday = (d.getUTCDay() + 6) % 7;
      return new Date(d.getTime() - sinceMonday * dayMs);
    }
    case 'month':
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  }
}

/** The start of the next window after the one containing `now`. */
export function nextWindowStart(window: QuotaWindow, now: Date): Date {
  const start = windowStart(window, now);
  switch (window) {
    case 'minute':
      return new Date(start.getTime() + 60_000);
    case 'hour':
      return new Date(start.getTime() + 3_600_000);
    case 'day':
      return new Date(start.getTime() + dayMs);
    case 'week':
      return new Date(start.getTime() + 7 * dayMs);
    case 'month':
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
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
export function frequencyCapPolicy(key: string, cap: FrequencyCap, scope: string): QuotaPolicy {
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
