import { sql, type SQL } from 'drizzle-orm';
import type { deliveryStatuses } from '../schema/deliveries';

/** A delivery row's status, as stored (and as shown through its batch, which adds `sending`). */
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** What counts as sent: the provider accepted the message (receipts move a row on from `sent`, never back). */
export const sentStatuses = ['sent', 'delivered', 'read', 'replied'] as const satisfies readonly DeliveryStatus[];

/** What counts as delivered: a receipt (or a job result) said the recipient got it. */
export const deliveredStatuses = ['delivered', 'read', 'replied'] as const satisfies readonly DeliveryStatus[];

/** What counts as read (a reply implies the message was read). */
export const readStatuses = ['read', 'replied'] as const satisfies readonly DeliveryStatus[];

/**
 * Not settled yet: written before the call, in a batch the provider has not acknowledged, or handed
 * to the employee who owns the contact (WeCom), who has not sent it yet.
 */
export const pendingStatuses = ['pending', 'sending', 'pending_employee'] as const satisfies readonly DeliveryStatus[];

/** Settled without the message going out (the employee declined it, or let it expire, included). */
export const unsentStatuses = ['failed', 'skipped', 'declined', 'expired'] as const satisfies readonly DeliveryStatus[];

/**
 * `expr in ('a', 'b', …)` over a status set, the values written as literals (they are constants):
 * the planner matches them against partial indexes and statistics as it did when spelled out.
 */
export function statusIn(expr: SQL, set: readonly DeliveryStatus[]): SQL {
  return sql`${expr} in (${sql.raw(set.map((s) => `'${s}'`).join(', '))})`;
}

/** How many of `counts` have a status in `set`. */
export function countIn(counts: ReadonlyArray<{ status: string; n: number }>, set: readonly string[]): number {
  return counts.filter((c) => set.includes(c.status)).reduce((sum, c) => sum + c.n, 0);
}
