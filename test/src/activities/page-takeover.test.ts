// One page sent by two executions at once, as Temporal can run it: a retry after a heartbeat timeout while
// the first still runs, or an attempt handed out again after a server restart (seen in ./herald faults'
// temporal-restart: 1,904 template messages went twice). The later execution takes the page's open
// batches over; the earlier one stops once it settles the slice it has in flight. Counted at the provider's raw
// count.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestDatabase } from '@herald/db/testing';
import { dueLanes } from '@herald/activities';
import type { Sandbox } from '@herald/sandbox';
import { rowsOf, sql } from '@herald/db';
import { audienceTrigger, broadcastJourney, chainGraph, node } from '@herald/engine/testing';
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
  const graph = broadcastJourney(shippedTemplate(wechat), audienceTrigger({ kind: 'all' }));
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

// A real-time step's page is the first contacts due at the step, in id order. An attempt that recorded a page and
// failed before its calls (a 429) leaves one batch open; contacts that arrive meanwhile with lower ids push part
// of that batch past the retry's page. The retry must still send the whole batch: it is settled whole, so the
// rows it did not read would be closed with it, unsent (./herald faults' sandbox-faults: 7 of 300 welcomes never
// reached the provider while the ledger called them sent).
it('a retried step page sends every row of the batch it takes over, those arrivals pushed past it too', async () => {
  await seedContacts(db.db, {
    workspaceId: ws.workspaceId,
    n: 30,
    prefix: 'late',
    identity: { kind: 'wechat_openid', valuePrefix: 'olate', accountId: wechat },
  });
  // The contacts in id order (a step's page order), with the openid each is sent to.
  const contacts = rowsOf<{ id: string; openid: string }>(
    await db.db
      .execute(sql`select c.id, i.value as openid from contacts c join contact_identities i on i.contact_id = c.id
      where c.workspace_id = ${ws.workspaceId}::uuid and c.external_id like 'late%' order by c.id`),
  );
  const ids = contacts.map((c) => c.id);
  const graph = chainGraph([
    node('trigger', 'event', { eventName: 'paid', filters: [] }),
    node('send', 'send', { ...shippedTemplate(wechat), type: 'contacts' }),
  ]);
  const run = await publish(db.db, ws.workspaceId, graph, 'journey');
  const arrive = (contactIds: string[]) =>
    db.db.execute(sql`insert into journey_states
        (workspace_id, run_id, contact_id, entry_seq, journey_version_id, node_id, entered_at, due_at)
      select ${ws.workspaceId}::uuid, ${run.runId}::uuid, id, 1, ${run.versionId}::uuid, 'send', now(), now()
      from contacts where id = any(${`{${contactIds.join(',')}}`}::uuid[])`);
  const page = () =>
    acts.runStepRange({
      runId: run.runId,
      nodeId: 'send',
      cursor: null,
      until: null,
      pageSize: 20,
      now: Date.now() + 1000,
    });
  const received = () => sandbox.store.countByRecipient({ channel: 'wechat', method: 'template' });
  const before = received();

  // The first attempt records the 20 contacts due (the last 20 by id) in one batch; every call is refused (429).
  await arrive(ids.slice(10));
  sandbox.faults.set('wechat', { throttleSeconds: 1 });
  try {
    await expect(page()).rejects.toMatchObject({ type: 'HERALD_ERR_CHANNEL_RATE_LIMITED' });
  } finally {
    sandbox.faults.clear();
  }
  // Ten contacts with lower ids arrive: the retry's page is them and the batch's first ten.
  await arrive(ids.slice(0, 10));
  for (let i = 0; i < 5 && (await page()).processed > 0; i++);

  const got = received();
  const times = (openid: string) => (got.get(openid) ?? 0) - (before.get(openid) ?? 0);
  expect(contacts.filter((c) => times(c.openid) !== 1).map((c) => ids.indexOf(c.id))).toEqual([]);
  expect(await deliveryTally(db.db, run.runId)).toEqual({ sent: 30 });
});

it('a journey step retried after two of its four lanes ended sends and counts each message once', async () => {
  // ./herald faults' schedule-temporal-restart (b21): an advanceRun attempt failed after two of its four lanes
  // had sent and moved on; the retry planned its lanes from the rows still due, which cut each of the two open
  // batches in two, and two pages took each batch over (7,501 of 10,000 counted). Lanes never cut an open batch.
  const graph = broadcastJourney(shippedTemplate(wechat), audienceTrigger({ kind: 'all' }));
  const run = await publish(db.db, ws.workspaceId, graph, 'journey');
  const received = () => sandbox.store.countByRecipient({ channel: 'wechat', method: 'template' });
  const before = received();
  await db.db.execute(sql`insert into journey_states
      (workspace_id, run_id, contact_id, entry_seq, journey_version_id, node_id, entered_at, due_at)
    select ${ws.workspaceId}::uuid, ${run.runId}::uuid, id, 0, ${run.versionId}::uuid, ${run.nodeId}, now(),
      now() - interval '1 minute'
    from contacts where workspace_id = ${ws.workspaceId}::uuid and external_id like 'f%'`);
  const now = Date.now();
  const lanes = await dueLanes(db.db, run.runId, { nodeId: run.nodeId, due: FANS, now: new Date(now), lanes: 4 });
  expect(lanes).toHaveLength(4);
  // The first attempt: lanes 1 and 3 send and move on; lanes 2 and 4 record their pages, but the provider
  // refuses their calls (the attempt fails, their batches stay open).
  const outcomes: string[] = [];
  for (const [i, lane] of lanes.entries()) {
    if (i % 2 === 1) sandbox.faults.set('wechat', { failShare: 1 });
    const { from: cursor, until } = lane;
    await acts
      .runStepRange({ runId: run.runId, nodeId: run.nodeId, cursor, until, pageSize: FANS, now })
      .then(
        () => outcomes.push('sent'),
        (error: unknown) => outcomes.push((error as { type?: string }).type ?? String(error)),
      )
      .finally(() => sandbox.faults.clear());
  }
  expect(outcomes).toEqual(['sent', 'HERALD_ERR_CHANNEL_UNAVAILABLE', 'sent', 'HERALD_ERR_CHANNEL_UNAVAILABLE']);
  // The retry: the step's due contacts (those of lanes 2 and 4) in lanes planned from them, tried again as
  // Temporal would while it fails (bounded).
  const errors: string[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const tick = await acts
      .advanceRun({ runId: run.runId, now, pageSize: 100, maxRanges: 64, budgetMs: 20_000 })
      .catch((error: unknown) => void errors.push((error as { type?: string }).type ?? String(error)));
    if (tick && !tick.active) break;
  }
  const times: Record<string, number> = {};
  // The fans' openids are `of…` (the other test's contacts, `olate…`, are not in this run).
  for (const [fan, n] of [...received()].filter(([openid]) => openid.startsWith('of'))) {
    const k = `${n - (before.get(fan) ?? 0)}`;
    times[k] = (times[k] ?? 0) + 1;
  }
  expect(times).toEqual({ 1: FANS });
  const [counts] = rowsOf<{ unsettled: number; left: number; node: number }>(
    await db.db.execute(sql`select
        (select count(*)::int from deliveries where run_id = ${run.runId}::uuid and provider_message_id is null)
          as unsettled,
        (select count(*)::int from journey_states where run_id = ${run.runId}::uuid and status = 'active') as left,
        (select sent from node_stats where journey_version_id = ${run.versionId}::uuid and node_id = ${run.nodeId})
          as node`),
  );
  expect(counts).toEqual({ unsettled: 0, left: 0, node: FANS });
  expect((await runCounters(db.db, run.runId)).sent).toBe(FANS);
  expect(errors).toEqual([]);
});
