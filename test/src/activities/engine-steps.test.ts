// Set-based steps on real PostgreSQL: a random split's shares over 100,000 contacts, the same branch for a contact
// every time, splits decided in the move that reaches them, and a batch run's lanes planned from its due rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { moveStepPage, routeOf, sql } from '@herald/db';
import { dueLanes } from '@herald/activities';
import { compileJourney, type JourneyGraph, type Plan } from '@herald/engine';
import { agentSend, node } from '@herald/engine/testing';
import { publish, seedContacts, seedWorkspace } from '../fixtures/seed';

let db: TestDatabase;
let workspaceId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ workspaceId } = await seedWorkspace(db.db));
  await seedContacts(db.db, { workspaceId, n: 100_000 });
}, 120_000);
afterAll(async () => {
  await db?.close();
});

/** A real-time journey: event → random split 20/30/50 → a message per branch. */
const graph = (): JourneyGraph => ({
  nodes: [
    node('trigger', 'event', { eventName: 'x', filters: [] }),
    node('ab', 'random_split', {
      branches: [
        { id: 'a', label: 'A', percent: 20 },
        { id: 'b', label: 'B', percent: 30 },
        { id: 'c', label: 'C', percent: 50 },
      ],
    }),
    agentSend('to-a'),
    agentSend('to-b'),
    agentSend('to-c'),
  ],
  edges: [
    { id: 'e1', source: 'trigger', target: 'ab' },
    { id: 'e2', source: 'ab', sourceHandle: 'a', target: 'to-a' },
    { id: 'e3', source: 'ab', sourceHandle: 'b', target: 'to-b' },
    { id: 'e4', source: 'ab', sourceHandle: 'c', target: 'to-c' },
  ],
  settings: { reentry: { mode: 'always' } },
});

/**
 * Every contact at the split of a fresh run (entry `seq`), moved through it page by page; returns the share per
 * branch.
 */
async function split(seq: number) {
  const published = await publish(db.db, workspaceId, graph(), 'journey');
  const plan = compileJourney(graph(), { journeyId: published.journeyId, version: 1, now: new Date() });
  if (!plan.ok) throw new Error('fixture does not compile');
  await db.db.execute(sql`insert into journey_states
      (workspace_id, run_id, contact_id, entry_seq, journey_version_id, node_id, entered_at, due_at)
    select ${workspaceId}::uuid, ${published.runId}::uuid, id, ${seq}, ${published.versionId}::uuid, 'ab', now(), now()
    from contacts`);
  const now = new Date(Date.now() + 1000);
  const page = {
    workspaceId,
    runId: published.runId,
    journeyVersionId: published.versionId,
    nodeId: 'ab',
    now,
    cursor: null,
    until: null,
    limit: 10_000,
  };
  const route = routeOf((plan.plan as Plan).nodes.ab!, { workspaceId, journeyId: 'same-journey' }, now);
  for (;;) if ((await moveStepPage(db.db, plan.plan as Plan, page, route)).processed === 0) break;
  return (await db.db.execute(
    sql`select contact_id, node_id from journey_states where run_id = ${published.runId}::uuid`,
  )) as unknown as Array<{ contact_id: string; node_id: string }>;
}

describe('a random split over 100,000 contacts', () => {
  it('gives each branch its share within one point, and each contact the same branch every time', async () => {
    const first = await split(1);
    const shares = (rows: typeof first) => {
      const n = new Map<string, number>();
      for (const r of rows) n.set(r.node_id, (n.get(r.node_id) ?? 0) + 1);
      return Object.fromEntries([...n].map(([k, v]) => [k, (v / rows.length) * 100]));
    };
    const got = shares(first);
    expect(first).toHaveLength(100_000);
    expect(Math.abs(got['to-a']! - 20)).toBeLessThan(1);
    expect(Math.abs(got['to-b']! - 30)).toBeLessThan(1);
    expect(Math.abs(got['to-c']! - 50)).toBeLessThan(1);
    const again = new Map((await split(2)).map((r) => [r.contact_id, r.node_id]));
    expect(first.every((r) => again.get(r.contact_id) === r.node_id)).toBe(true);
  }, 120_000);
});

describe('routing steps chained into the move that reaches them', () => {
  it("a wait's page puts each contact at its branch's step at once, and counts the splits it passed", async () => {
    const chained: JourneyGraph = {
      nodes: [
        node('trigger', 'event', { eventName: 'x', filters: [] }),
        node('wait', 'wait', { duration: { amount: 1, unit: 'hours' } }),
        node('vip', 'split', { mode: 'yes_no', condition: { kind: 'attribute', key: 'vip', op: 'exists' } }),
        ...graph().nodes.slice(1),
        agentSend('to-rest'),
      ],
      edges: [
        { id: 'e0', source: 'trigger', target: 'wait' },
        { id: 'e1', source: 'wait', target: 'vip' },
        { id: 'e1y', source: 'vip', sourceHandle: 'yes', target: 'ab' },
        { id: 'e1n', source: 'vip', sourceHandle: 'no', target: 'to-rest' },
        ...graph().edges.slice(1),
      ],
      settings: { reentry: { mode: 'always' } },
    };
    const published = await publish(db.db, workspaceId, chained, 'journey');
    const compiled = compileJourney(chained, { journeyId: published.journeyId, version: 1, now: new Date() });
    if (!compiled.ok) throw new Error('fixture does not compile');
    const plan = compiled.plan as Plan;
    // 3,000 contacts at the wait, due now; one in three is a VIP.
    const contacts = (await db.db.execute(
      sql`select id from contacts where workspace_id = ${workspaceId}::uuid order by id limit 3000`,
    )) as unknown as Array<{ id: string }>;
    const vips = contacts.filter((_, i) => i % 3 === 0).map((c) => c.id);
    await db.db.execute(sql`update contacts set attributes = attributes || '{"vip": true}'::jsonb
      where id = any(${`{${vips.join(',')}}`}::uuid[])`);
    await db.db.execute(sql`insert into journey_states
        (workspace_id, run_id, contact_id, entry_seq, journey_version_id, node_id, entered_at, due_at)
      select ${workspaceId}::uuid, ${published.runId}::uuid, id, 0, ${published.versionId}::uuid, 'wait', now(), now()
      from contacts where id = any(${`{${contacts.map((c) => c.id).join(',')}}`}::uuid[])`);
    const now = new Date(Date.now() + 1000);
    const page = {
      workspaceId,
      runId: published.runId,
      journeyVersionId: published.versionId,
      nodeId: 'wait',
      now,
      cursor: null,
      until: null,
      limit: 10_000,
    };
    const route = routeOf(plan.nodes.wait!, { workspaceId, journeyId: published.journeyId, plan }, now);
    expect(await moveStepPage(db.db, plan, page, route)).toMatchObject({ processed: 3000, moved: 3000 });
    const at = (await db.db.execute(
      sql`select node_id, count(*)::int as n from journey_states where run_id = ${published.runId}::uuid
        group by node_id order by node_id`,
    )) as unknown as Array<{ node_id: string; n: number }>;
    const count = Object.fromEntries(at.map((r) => [r.node_id, r.n]));
    // Nobody waits at a split: the VIPs went through both splits, the rest through one.
    expect(count.vip).toBeUndefined();
    expect(count.ab).toBeUndefined();
    expect(count['to-rest']).toBe(2000);
    expect(count['to-a']! + count['to-b']! + count['to-c']!).toBe(1000);
    const stats = (await db.db.execute(
      sql`select node_id, entered, waiting from node_stats where journey_version_id = ${published.versionId}::uuid`,
    )) as unknown as Array<{ node_id: string; entered: number; waiting: number }>;
    const byNode = Object.fromEntries(stats.map((s) => [s.node_id, { entered: s.entered, waiting: s.waiting }]));
    expect(byNode.vip).toEqual({ entered: 3000, waiting: 0 });
    expect(byNode.ab).toEqual({ entered: 1000, waiting: 0 });
    expect(byNode['to-rest']).toEqual({ entered: 2000, waiting: 2000 });
    for (const id of ['to-a', 'to-b', 'to-c']) expect(byNode[id]).toEqual({ entered: count[id], waiting: count[id] });
  }, 120_000);

  it("splits a batch run's due contacts at a step into lanes of a quarter each, wherever their ids lie", async () => {
    const published = await publish(db.db, workspaceId, graph(), 'journey');
    // An entry wave: the first 20,000 contacts in id order (a part of the id space), due at a send.
    await db.db.execute(sql`insert into journey_states
        (workspace_id, run_id, contact_id, entry_seq, journey_version_id, node_id, entered_at, due_at)
      select ${workspaceId}::uuid, ${published.runId}::uuid, id, 0, ${published.versionId}::uuid, 'to-a', now(), now()
      from (select id from contacts where workspace_id = ${workspaceId}::uuid order by id limit 20000) c`);
    const lanes = await dueLanes(db.db, published.runId, { nodeId: 'to-a', due: 20_000, now: new Date(), lanes: 4 });
    const due = (await db.db.execute(
      sql`select contact_id::text as id from journey_states where run_id = ${published.runId}::uuid`,
    )) as unknown as Array<{ id: string }>;
    const inLane = (id: string, lane: (typeof lanes)[number]) =>
      (lane.from === null || id > lane.from) && (lane.until === null || id <= lane.until);
    expect(lanes).toHaveLength(4);
    for (const { id } of due) expect(lanes.filter((lane) => inLane(id, lane))).toHaveLength(1);
    for (const lane of lanes) {
      const n = due.filter(({ id }) => inLane(id, lane)).length;
      expect(n).toBeGreaterThan(4_800);
      expect(n).toBeLessThan(5_200);
    }
  });
});
