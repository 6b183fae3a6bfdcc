import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, insertTestAccount, type TestDatabase } from '@herald/db/testing';
import { createDb, sql, type HeraldDb } from '@herald/db';
import {
  claimEarlyCallbacks,
  claimKeptCallbacks,
  keepEarlyCallbacks,
  lockMessageIds,
  pruneEarlyCallbacks,
  refKey,
  type EarlyCallback,
} from './early-callbacks';
import { rowsOf } from '../sql-lists';

let db: TestDatabase;
let workspaceId: string;
let channelAccountId: string;
beforeAll(async () => {
  ({ db, workspaceId } = await createTestWorkspace('E'));
  channelAccountId = await insertTestAccount(db.db, workspaceId, 'wecom');
});
afterAll(async () => db?.close());

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

/** How many advisory locks a transaction of this database is waiting for. */
const waitingLocks = async () =>
  rowsOf<{ n: number }>(
    await db.db.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
      and database = (select oid from pg_database where datname = current_database())`),
  )[0]!.n;

/**
 * A callback and a settlement racing, each on its own connection: `callback` runs in a transaction that stays
 * open (holding its locks) until the settlement's `claim`, started meanwhile, waits for a lock (PostgreSQL
 * says so); then the callback commits. Resolves to what the claim found.
 */
async function raceWithCallback<T>(
  callback: (tx: HeraldDb) => Promise<void>,
  claim: (tx: HeraldDb) => Promise<T>,
): Promise<T> {
  const [a, b] = await Promise.all([createDb({ url: db.url, max: 1 }), createDb({ url: db.url, max: 1 })]);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const held = new Promise<void>((r) => (locked = r));
  const open = a.db.transaction(async (tx) => {
    await callback(tx as unknown as HeraldDb);
    locked();
    await gate;
  });
  await held;
  const claimed = b.db.transaction((tx) => claim(tx as unknown as HeraldDb));
  await expect.poll(waitingLocks, { timeout: 10_000 }).toBe(1);
  release();
  await open;
  const found = await claimed;
  await Promise.all([a.close(), b.close()]);
  return found;
}

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
    const claimed = await raceWithCallback(
      // The callback's transaction: it found no message, keeps its answer, and has not committed yet.
      async (tx) => {
        await lockMessageIds(tx, { channelAccountId, msgids: ['m-race'] });
        await keepEarlyCallbacks(tx, { channelAccountId, source: 'employee', callbacks: [answer('m-race')] });
      },
      // The settlement recording m-race starts meanwhile: its claim waits on the lock.
      (tx) => claimEarlyCallbacks(tx, { channelAccountId, source: 'employee', msgids: ['m-race'] }),
    );
    expect(claimed.map((c) => c.msgid)).toEqual(['m-race']);
  });

  it('a settlement of 10,000 ids and requests holds ≤ 1,024 locks, which another settlement shares', async () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `bulk-${i}`);
    const [a, b] = await Promise.all([createDb({ url: db.url, max: 1 }), createDb({ url: db.url, max: 1 })]);
    try {
      await a.db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as HeraldDb;
        await claimKeptCallbacks(tx, { channelAccountId, msgids: { employee: ids }, refs: ids.map((_, i) => `${i}`) });
        const [held] = rowsOf<{ n: number }>(
          await tx.execute(sql`select count(*)::int as n from pg_locks
            where locktype = 'advisory' and pid = pg_backend_pid()`),
        );
        // A lock per id and per request was 10,000: past PostgreSQL's default lock table (6,400) with nothing else.
        expect(held!.n).toBeGreaterThan(0);
        expect(held!.n).toBeLessThanOrEqual(1024);
        // Another settlement meanwhile takes its slots at once (it would wait for this commit if they excluded).
        await b.db.transaction(async (other) => {
          await other.execute(sql`set local lock_timeout = '10s'`);
          await claimKeptCallbacks(other as unknown as HeraldDb, { channelAccountId, msgids: { employee: ids } });
        });
      });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("one claim takes every source's callbacks for the ids it names, each source's for its own ids only", async () => {
    const at = (t: number) => `2026-11-30T00:00:0${t}Z`;
    const keep = (source: 'employee' | 'receipt' | 'job' | 'mass', callbacks: EarlyCallback[]) =>
      keepEarlyCallbacks(db.db, { channelAccountId, source, callbacks });
    await keep('employee', [answer('s-app', at(2)), { ...answer('s-lost', at(1)), detail: '41' }]);
    await keep('receipt', [answer('s-1', at(3)), answer('s-app', at(1))]);
    await keep('job', [answer('s-1', at(4))]);
    await keep('mass', [answer('s-mass', at(5))]);
    const claimed = await db.db.transaction((tx) =>
      claimKeptCallbacks(tx as unknown as HeraldDb, {
        channelAccountId,
        msgids: { employee: ['s-app'], receipt: ['s-1', 's-app'], mass: ['s-mass'] },
        refs: ['41'],
      }),
    );
    const ids = (source: keyof typeof claimed) => claimed[source].map((c) => c.msgid);
    // Oldest first within a source; the answer kept under a lost id is found by its request's reference.
    expect([ids('employee'), ids('receipt'), ids('job'), ids('mass')]).toEqual([
      ['s-lost', 's-app'],
      ['s-app', 's-1'],
      [],
      ['s-mass'],
    ]);
    // The template result was not asked for: it stays for the settlement that asks.
    expect(await kept()).toEqual(['s-1']);
    expect(await claimEarlyCallbacks(db.db, { channelAccountId, source: 'job', msgids: ['s-1'] })).toHaveLength(1);
  });

  it("a settlement's claim waits for a callback holding a reference's lock", async () => {
    const claimed = await raceWithCallback(
      async (tx) => {
        await lockMessageIds(tx, { channelAccountId, msgids: ['r-old', refKey('77')] });
        await keepEarlyCallbacks(tx, {
          channelAccountId,
          source: 'employee',
          callbacks: [{ ...answer('r-old'), detail: '77' }],
        });
      },
      // The resend's settlement records another id; it claims by the request's reference too.
      (tx) => claimKeptCallbacks(tx, { channelAccountId, msgids: { employee: ['r-new'] }, refs: ['77'] }),
    );
    expect(claimed.employee.map((c) => c.msgid)).toEqual(['r-old']);
  });

  it('prunes what no settlement claimed within a week, and keeps the rest', async () => {
    await keepEarlyCallbacks(db.db, { channelAccountId, source: 'employee', callbacks: [answer('m-old')] });
    expect(await pruneEarlyCallbacks(db.db, { now: new Date(Date.now() + 6 * 86_400_000) })).toBe(0);
    expect(await kept()).toEqual(['m-old']);
    expect(await pruneEarlyCallbacks(db.db, { now: new Date(Date.now() + 8 * 86_400_000) })).toBe(1);
    expect(await kept()).toEqual([]);
  });
});
