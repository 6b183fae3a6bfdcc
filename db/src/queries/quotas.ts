import { sql } from 'drizzle-orm';
import { type HeraldDb } from '../client';
import { windowStart, type QuotaPolicy } from '@herald/engine';
import { rowsOf } from '../sql-lists';

/**
 * Reserves up to `wanted` units of an account-wide policy (calls a day, sends a day) and returns
 * how many were granted: the row is locked, so concurrent reservations see each other. Its window
 * is a calendar window in `zone`, the account's quota time zone.
 */
export async function reserveForAccount(
  db: HeraldDb,
  workspaceId: string,
  policy: QuotaPolicy,
  subject: string,
  wanted: number,
  now: Date,
  zone = 'UTC',
): Promise<number> {
  if (wanted <= 0) return 0;
  const window = windowStart(policy.window, now, zone).toISOString();
  await db.execute(sql`
    insert into quota_usage (workspace_id, policy, subject, window_start, count, "limit")
    values (${workspaceId}::uuid, ${policy.key}, ${subject}, ${window}::timestamptz, 0, ${policy.limit})
    on conflict do nothing`);
  const result = await db.execute(sql`
    update quota_usage q set count = q.count + g.granted, "limit" = ${policy.limit}
    from (
      select least(${wanted}::int, greatest(${policy.limit}::int - count, 0)) as granted
      from quota_usage
      where workspace_id = ${workspaceId}::uuid and policy = ${policy.key} and subject = ${subject}
        and window_start = ${window}::timestamptz
      for update) g
    where q.workspace_id = ${workspaceId}::uuid and q.policy = ${policy.key} and q.subject = ${subject}
      and q.window_start = ${window}::timestamptz
    returning g.granted`);
  return Number(rowsOf<{ granted: number }>(result)[0]?.granted ?? 0);
}

/**
 * Deletes quota rows whose window is over: every window kind (minute to calendar month) that
 * started before both the current week and the current month has ended — a day earlier still,
 * since a window of an account's zone starts up to 14 hours before the UTC one. Without it the ledger
 * grows by one row per recipient and window for ever (a million rows a day for a daily WeCom
 * broadcast to a million contacts). Deletes in slices so no statement holds locks for long;
 * returns how many rows went.
 */
export async function pruneQuotaUsage(db: HeraldDb, now: Date, slice = 10_000): Promise<number> {
  const cutoff = new Date(
    Math.min(windowStart('week', now).getTime(), windowStart('month', now).getTime()) - 86_400_000,
  ).toISOString();
  let total = 0;
  for (;;) {
    const deleted =
      rowsOf<{ n: number }>(
        await db.execute(sql`
      with gone as (
        delete from quota_usage
        where ctid = any(array(select ctid from quota_usage where window_start < ${cutoff}::timestamptz limit ${slice}))
        returning 1)
      select count(*)::int as n from gone`),
      )[0]?.n ?? 0;
    total += deleted;
    if (deleted < slice) return total;
  }
}
