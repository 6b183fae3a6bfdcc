import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { channelAccounts, createDb, workspaces, sql, type HeraldDb } from '@herald/db';
import { claimEarlyCallbacks, keepEarlyCallbacks, lockMessageIds, pruneEarlyCallbacks } from './early-callbacks';
import { rowsOf } from '../sql-lists';

let db: TestDatabase;
let workspaceId: string;
let channelAccountId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  const [ws] = await db.db.insert(workspaces).values({ name: 'E', slug: 'e' }).returning();
  workspaceId = ws!.id;
  const [account] = await db.db
    .insert(channelAccounts)
    .values({ workspaceId, kind: 'wecom', name: 'W', baseUrl: 'http://127.0.0.1:1', credentialsEncrypted: 'x' })
    .returning();
  channelAccountId = account!.id;
});
afterAll(async () => {
  await db.close();
});

const answer = (msgid: string, at = '2026-11-30T00:00:00Z') => ({
  workspaceId,
  msgid,
  userid: 'owner',
  action: 'sent' as const,
  at,
});
const kept = async () =>
  rowsOf<{ msgid: string }>(await db.db.execute(sql`select msgid from early_callbacks order by msgid`)).map(
    (r) => r.msgid,
  );

describe('callbacks about message ids not recorded yet, on real PostgreSQL', () => {
  it('keeps a repeat once, and a claim takes it (oldest first) so a second claim finds nothing', async () => {
    const keep = (tx: HeraldDb) =>
      keepEarlyCallbacks(tx, {
        channelAccountId,
        source: 'employee',
        callbacks: [answer('m1', '2026-11-30T00:00:02Z'), answer('m2', '2026-11-30T00:00:01Z')],
      });
    await keep(db.db);
    await keep(db.db);
    expect(await kept()).toEqual(['m1', 'm2']);
    const claim = () =>
      claimEarlyCallbacks(db.db, { channelAccountId, source: 'employee', msgids: ['m1', 'm2', 'm3'] });
    expect((await claim()).map((c) => [c.msgid, c.at])).toEqual([
      ['m2', '2026-11-30T00:00:01.000Z'],
      ['m1', '2026-11-30T00:00:02.000Z'],
    ]);
    expect(await claim()).toEqual([]);
    expect(await kept()).toEqual([]);
  });

  it('a settlement claiming an id waits for the callback that holds its lock, then finds what it kept', async () => {
    const [a, b] = await Promise.all([createDb({ url: db.url, max: 1 }), createDb({ url: db.url, max: 1 })]);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const held = new Promise<void>((r) => (locked = r));
    // The callback's transaction: it found no message, keeps its answer, and has not committed yet.
    const callback = a.db.transaction(async (tx) => {
      const t = tx as unknown as HeraldDb;
      await lockMessageIds(t, { channelAccountId, msgids: ['m-race'] });
      await keepEarlyCallbacks(t, { channelAccountId, source: 'employee', callbacks: [answer('m-race')] });
      locked();
      await gate;
    });
    await held;
    // The settlement recording m-race starts meanwhile: its claim waits on the lock (PostgreSQL says so).
    const claim = b.db.transaction((tx) =>
      claimEarlyCallbacks(tx as unknown as HeraldDb, { channelAccountId, source: 'employee', msgids: ['m-race'] }),
    );
    const waiting = async () =>
      rowsOf<{ n: number }>(
        await db.db.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
          and database = (select oid from pg_database where datname = current_database())`),
      )[0]!.n;
    await expect.poll(waiting, { timeout: 10_000 }).toBe(1);
    release();
    await callback;
    expect((await claim).map((c) => c.msgid)).toEqual(['m-race']);
    await Promise.all([a.close(), b.close()]);
  });

  it('prunes what no settlement claimed within a week, and keeps the rest', async () => {
    await keepEarlyCallbacks(db.db, { channelAccountId, source: 'employee', callbacks: [answer('m-old')] });
    expect(await pruneEarlyCallbacks(db.db, { now: new Date(Date.now() + 6 * 86_400_000) })).toBe(0);
    expect(await kept()).toEqual(['m-old']);
    expect(await pruneEarlyCallbacks(db.db, { now: new Date(Date.now() + 8 * 86_400_000) })).toBe(1);
    expect(await kept()).toEqual([]);
  });
});
