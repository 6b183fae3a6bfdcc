import { sql, type SQL } from 'drizzle-orm';
import type { Plan } from '@herald/engine';
import type { Arrival } from './journey-arrival';
import { contactBucket } from './experiments';

/**
 * A stable bucket 0–9999 of a contact (an id column) for `salt`: the same contact and salt, the same
 * bucket (a random split's branch; the holdout and variants use `contactBucket`, cheaper).
 */
export function stableBucket(contact: SQL, salt: string): SQL {
  return sql`(('x' || substr(md5(${contact}::text || ${salt}), 1, 8))::bit(32)::bigint % 10000)`;
}

/**
 * Whether the contact `contact` (an id column) is in the journey's holdout: its stable bucket of
 * (contact, journey) below the share, so a contact is held out (or not) in every run and version.
 * `false` when the journey has no holdout. (An md5 of the id's text cost a first send's page about a
 * tenth of its backend time at a 10% holdout; the bucket, next to nothing.)
 */
export function heldOut(plan: Pick<Plan, 'journeyId' | 'settings'>, contact: SQL): SQL {
  const percent = plan.settings.holdoutPercent ?? 0;
  if (percent <= 0) return sql`false`;
  return sql`(${contactBucket(contact, `:${plan.journeyId}:holdout`)} < ${Math.round(percent * 100)})`;
}

/** An entering row's columns when it may be held out: held-out rows are recorded, never due, never moved. */
export function enteringColumns(plan: Plan, arrive: Arrival, contact: SQL): Arrival {
  const held = heldOut(plan, contact);
  return {
    status: sql`(case when ${held} then 'held_out' else ${arrive.status} end)`,
    dueAt: sql`(case when ${held} then null::timestamptz else ${arrive.dueAt} end)`,
    awaiting: sql`(case when ${held} then null::text else ${arrive.awaiting} end)`,
  };
}
