// One page sent by two executions at once, as Temporal can run it: a retry after a heartbeat timeout while
// the first still runs, or an attempt handed out again after a server restart (seen in ./herald faults'
// temporal-restart: 1,904 template messages went twice). The later execution takes the page's open
// batches over; the earlier one stops before its next call. Counted at the provider's raw count.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestDatabase } from '@herald/db/testing';
import type { Sandbox } from '@herald/sandbox';
import { broadcastJourney } from '@herald/engine/testing';
import type { HeraldActivities } from '@herald/engine/workflows';
import { deliveryTally, publish, runCounters, seedAccount, seedContacts, shippedTemplate } from '../fixtures/seed';
import { startActivitiesRig, type ActivitiesRig } from '../fixtures/activities-rig';

let rig: ActivitiesRig;
let db: TestDatabase;
let sandbox: Sandbox;
let acts: HeraldActivities;
let ws: { workspaceId: string; employeeId: string };
let wechat: string;
const FANS = 300;
/** The calls one execution has in flight at most (deliver's settle slice for one-by-one methods). */
const SLICE = 16;

beforeAll(async () => {
  rig = await startActivitiesRig();
  ({ db, sandbox, acts, ws } = rig);
  wechat = await seedAccount(db.db, ws.workspaceId, 'wechat_service', sandbox.url);
  await seedContacts(db.db, {
    workspaceId: ws.workspaceId,
    n: FANS,
    prefix: 'f',
    identity: { kind: 'wechat_openid', valuePrefix: 'of', accountId: wechat },
  });
});
afterAll(async () => rig?.close());

it('a page run by two executions at once sends each template message once, but for the calls in flight', async () => {
  const graph = broadcastJourney(shippedTemplate(wechat), {
    id: 'trigger',
    kind: 'audience',
    position: { x: 0, y: 0 },
    data: { audience: { kind: 'all' } },
  });
  const run = await publish(db.db, ws.workspaceId, graph);
  const templates = () => sandbox.store.query({ channel: 'wechat', method: 'template' });
  const page = () =>
    acts.sendBroadcastPage({
      workspaceId: ws.workspaceId,
      runId: run.runId,
      journeyVersionId: run.versionId,
      nodeId: run.nodeId,
      cursor: null,
      pageSize: FANS,
      now: Date.parse('2026-11-24T09:00:00Z'),
    });
  // Slow answers keep the first execution mid-page while the second starts.
  sandbox.faults.set('wechat', { latencyMs: 25 });
  try {
    const first = page().then(
      () => 'finished',
      (error: unknown) => (error as { type?: string }).type ?? String(error),
    );
    // The second starts once the first has sent two slices (the provider's own count says so).
    while (templates().length < 2 * SLICE) await new Promise((r) => setTimeout(r, 5));
    const second = await page();
    expect(await first).toBe('HERALD_ERR_PAGE_TAKEN_OVER');
    expect(second.processed).toBe(FANS);
  } finally {
    sandbox.faults.clear();
  }
  const perFan = new Map<string, number>();
  for (const m of templates()) perFan.set(m.recipient, (perFan.get(m.recipient) ?? 0) + 1);
  expect(perFan.size).toBe(FANS);
  // Only what the first had in flight when it was taken over went twice (without the hand-over: ~270).
  const extra = [...perFan.values()].reduce((a, n) => a + n - 1, 0);
  expect(extra).toBeLessThanOrEqual(SLICE);
  expect(await deliveryTally(db.db, run.runId)).toEqual({ sent: FANS });
  expect((await runCounters(db.db, run.runId)).sent).toBe(FANS);
});
