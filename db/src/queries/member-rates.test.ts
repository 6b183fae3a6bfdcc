import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestDatabase } from '@herald/db/testing';
import { createDb, type DbHandle } from '@herald/db';
import { capabilityOf, nextWindowStart, windowStart } from '@herald/engine';
import { paceMembers, type MemberRate } from './member-rates';

let db: TestDatabase;
let workspaceId: string;
beforeAll(async () => {
  ({ db, workspaceId } = await createTestWorkspace('M'));
});
afterAll(async () => db?.close());

/** WeCom's per-member rates (from the policy table) as in force at `now`. */
const ratesAt = (now: Date): MemberRate[] =>
  capabilityOf('wecom_agent')
    .policies.filter((p) => p.per === 'member')
    .map((p) => ({
      key: p.key,
      limit: p.limit,
      start: windowStart(p.window, now),
      next: nextWindowStart(p.window, now),
    }));
const rows = (employee: string, from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: from + i, employee }));

describe("pacing app messages per member on real PostgreSQL (WeCom's 30 a minute, 1,000 an hour)", () => {
  it('grants each member what fits in the minute, in page order; the rest wait for the next minute', async () => {
    const now = new Date('2026-11-24T10:00:10Z');
    const held = await paceMembers(db.db, {
      workspaceId,
      rows: [...rows('e-one', 1, 35), ...rows('e-two', 100, 20)],
      units: 1,
      rates: ratesAt(now),
    });
    expect(held.map((h) => h.id)).toEqual([31, 32, 33, 34, 35]);
    expect(new Set(held.map((h) => h.wake.toISOString()))).toEqual(new Set(['2026-11-24T10:01:00.000Z']));
    // A request of two app messages counts two: e-two has 10 left this minute, so 5 requests.
    const again = await paceMembers(db.db, { workspaceId, rows: rows('e-two', 200, 8), units: 2, rates: ratesAt(now) });
    expect(again.map((h) => h.id)).toEqual([205, 206, 207]);
  });

  it('8 pages at once for one member never grant more than the minute allows', async () => {
    const now = new Date('2026-11-24T11:00:05Z');
    const connections: DbHandle[] = await Promise.all(
      Array.from({ length: 8 }, () => createDb({ url: db.url, max: 1 })),
    );
    const held = await Promise.all(
      connections.map((c, i) =>
        c.db.transaction((tx) =>
          paceMembers(tx as unknown as typeof c.db, {
            workspaceId,
            rows: rows('e-busy', i * 100, 10),
            units: 1,
            rates: ratesAt(now),
          }),
        ),
      ),
    );
    await Promise.all(connections.map((c) => c.close()));
    expect(80 - held.flat().length).toBe(30);
  });

  it('when the hour is spent, the rest wait for the next hour, not the next minute', async () => {
    const start = new Date('2026-11-24T12:00:00Z');
    let granted = 0;
    for (let minute = 0; minute < 40 && granted < 1000; minute++) {
      const now = new Date(start.getTime() + minute * 60_000 + 1000);
      const held = await paceMembers(db.db, {
        workspaceId,
        rows: rows('e-hour', minute * 100, 30),
        units: 1,
        rates: ratesAt(now),
      });
      granted += 30 - held.length;
    }
    expect(granted).toBe(1000);
    const now = new Date('2026-11-24T12:40:01Z');
    const held = await paceMembers(db.db, {
      workspaceId,
      rows: rows('e-hour', 9000, 3),
      units: 1,
      rates: ratesAt(now),
    });
    expect(held.map((h) => h.wake.toISOString())).toEqual(Array(3).fill('2026-11-24T13:00:00.000Z'));
  });
});
