import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestDatabase } from '@herald/db/testing';
import { createDb, sql, type DbHandle } from '@herald/db';
import { capabilityOf, resolvePolicies } from '@herald/engine';
import { pruneQuotaUsage, reserveForAccount } from './quotas';
import { rowsOf } from '../sql-lists';

let db: TestDatabase;
let workspaceId: string;
beforeAll(async () => {
  ({ db, workspaceId } = await createTestWorkspace('Q'));
});
afterAll(async () => db?.close());

describe('quota ledger on real PostgreSQL', () => {
  it('8 parallel reservations on one quota never exceed it', async () => {
    const [policy] = resolvePolicies(capabilityOf('wechat_template').policies, {
      wechat_template_daily: { limit: 1000 },
    });
    const connections: DbHandle[] = await Promise.all(
      Array.from({ length: 8 }, () => createDb({ url: db.url, max: 2 })),
    );
    const now = new Date('2026-11-24T10:00:00Z');
    const grants = await Promise.all(
      connections.map(async (c) => {
        let total = 0;
        for (let i = 0; i < 10; i++) total += await reserveForAccount(c.db, workspaceId, policy!, 'account', 37, now);
        return total;
      }),
    );
    await Promise.all(connections.map((c) => c.close()));
    expect(grants.reduce((a, b) => a + b, 0)).toBe(1000);
    const stored = rowsOf<{ count: number }>(
      await db.db.execute(sql`select count from quota_usage where policy = 'wechat_template_daily'`),
    );
    expect(stored[0]?.count).toBe(1000);
  });

  it('prunes rows whose window is over, in slices, and keeps every window still running', async () => {
    // A Wednesday; the week began on Monday 30 November, the month on 1 December.
    const now = new Date('2026-12-02T10:00:00Z');
    const rows = [
      ['old-month', '2026-11-01T00:00:00Z'],
      ['old-day', '2026-11-28T00:00:00Z'],
      // This week in China Standard Time began on Sunday 29 November at 16:00 UTC.
      ['this-week-cst', '2026-11-29T16:00:00Z'],
      ['old-minute', '2026-10-03T08:01:00Z'],
      ['this-week', '2026-11-30T00:00:00Z'],
      ['this-month', '2026-12-01T00:00:00Z'],
      ['today', '2026-12-02T00:00:00Z'],
      ['next-day', '2026-12-03T00:00:00Z'],
    ];
    for (const [subject, at] of rows) {
      await db.db.execute(sql`insert into quota_usage (workspace_id, policy, subject, window_start, count, "limit")
        values (${workspaceId}::uuid, 'prune-test', ${subject}, ${at}::timestamptz, 1, 1)`);
    }
    const kept = async () =>
      rowsOf<{ subject: string }>(
        await db.db.execute(sql`select subject from quota_usage where policy = 'prune-test' order by window_start`),
      ).map((r) => r.subject);
    const before = rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from quota_usage`))[0]!.n;
    const pruned = await pruneQuotaUsage(db.db, now, 2);
    expect(await kept()).toEqual(['this-week-cst', 'this-week', 'this-month', 'today', 'next-day']);
    // Other tests' rows are from November 2026 windows: pruned as well; nothing else was touched.
    expect(pruned).toBe(
      before - rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from quota_usage`))[0]!.n,
    );
    expect(await pruneQuotaUsage(db.db, now)).toBe(0);
  });
});
