import { z } from 'zod';
import { timeOfDaySchema } from './common.schema';
import { isValidTimeZone, msUntilQuietHoursEnd } from './time';

/** A frequency cap as the marketer sets it: at most `limit` messages to one contact per calendar day, week or month. */
export const frequencyCapSchema = z.object({
  limit: z.number().int().min(1).max(1000),
  window: z.enum(['day', 'week', 'month']),
});

/**
 * Hours in which no message goes out, in each contact's own time zone (`timezone` for contacts
 * without one). A window may cross midnight (21:00–08:00).
 */
export const quietHoursSchema = z
  .object({
    start: timeOfDaySchema,
    end: timeOfDaySchema,
    timezone: z.string().min(1).max(64).refine(isValidTimeZone, 'an IANA time zone such as Asia/Shanghai'),
  })
  .refine((q) => q.start !== q.end, { message: 'quiet hours need a start and an end that differ', path: ['end'] });
export type QuietHours = z.infer<typeof quietHoursSchema>;

/**
 * Workspace-wide settings the marketer sets, for broadcasts and journeys alike (webhooks excepted):
 * `frequencyCap` counts every message to a contact on any channel; a send inside `quietHours` is
 * skipped with `quiet_hours`. Null: none.
 */
export const workspaceSettingsSchema = z.object({
  frequencyCap: frequencyCapSchema.nullable().default(null),
  quietHours: quietHoursSchema.nullable().default(null),
  /** The workspace's own zone: "the contact's zone" means this one for contacts without a known zone (null: UTC). */
  timezone: z
    .string()
    .min(1)
    .max(64)
    .refine(isValidTimeZone, 'an IANA time zone such as Asia/Shanghai')
    .nullable()
    .default(null),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

/** Whether `now` is inside quiet hours for a contact in `contactTimeZone` (the settings' zone when null or unknown). */
export function inQuietHours(now: Date, quiet: QuietHours, contactTimeZone: string | null): boolean {
  const timezone = contactTimeZone && isValidTimeZone(contactTimeZone) ? contactTimeZone : quiet.timezone;
  return msUntilQuietHoursEnd(now, { ...quiet, timezone }) > 0;
}
