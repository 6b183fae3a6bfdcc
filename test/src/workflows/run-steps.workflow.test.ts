// Every step kind of a batch journey through the set-based engine, on the time-skipping server with
// the real activities, PostgreSQL and the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, webhookSigningKey } from '@herald/db';
import type { JourneyGraph, JourneyNode } from '@herald/engine';
import { agentSend, node, readOrRemindJourney } from '@herald/engine/testing';
import { uniqueTaskQueue } from '../temporal/env';
import { publish, seedTag, testSecretKey } from '../fixtures/seed';
import { startWorkflowRig, type WorkflowRig } from './harness';
import { createHmac } from 'node:crypto';
import { contactBucket } from '../fixtures/contact-bucket';

let rig: WorkflowRig;
const taskQueue = uniqueTaskQueue('run-steps');

beforeAll(async () => {
  rig = await startWorkflowRig(taskQueue, 6);
});
afterAll(async () => {
  await rig?.close();
});

const rows = async <T>(query: ReturnType<typeof sql>) => (await rig.h.db.db.execute(query)) as unknown as T[];

/** How many contacts wait at a step of a version now: the step's live count, as the journey's page shows it. */
const waitingAt = async (versionId: string, nodeId: string) =>
  (
    await rows<{ n: number }>(
      sql`select coalesce(sum(waiting), 0)::int as n from node_stats
        where journey_version_id = ${versionId}::uuid and node_id = ${nodeId}`,
    )
  )[0]!.n;

/** An audience trigger for contacts c1…c6, by a tag of their own. */
async function everyone(): Promise<JourneyNode> {
  const { h } = rig;
  const tag = await seedTag(h.db.db, h.workspaceId, `All ${Math.random()}`);
  await h.db.db.execute(
    sql`insert into contact_tags (workspace_id, contact_id, tag_id)
      select workspace_id, id, ${tag}::uuid from contacts`,
  );
  return node('trigger', 'audience', { audience: { kind: 'tags', mode: 'any', tagIds: [tag], excludeTagIds: [] } });
}

/** A journey for contacts c1…c6 (their own tag), its steps linked in order unless `edges` says otherwise. */
async function journey(steps: JourneyNode[], edges?: JourneyGraph['edges']): Promise<JourneyGraph> {
  const chain = [await everyone(), ...steps];
  return {
    nodes: chain,
    edges: edges ?? chain.slice(1).map((n, i) => ({ id: `e${i}`, source: chain[i]!.id, target: n.id })),
    settings: { reentry: { mode: 'never' } },
  };
}

/** Publishes and starts a batch run; `result()` lets the server skip time to its end. */
async function start(graph: JourneyGraph) {
  const published = await publish(rig.h.db.db, rig.h.workspaceId, graph, 'journey');
  return { ...published, handle: await rig.startBatchRun(published) };
}

const send = (id: string, text: string): JourneyNode =>
  agentSend(id, { channelAccountId: rig.h.wecom, messages: [{ type: 'text', text }] });
const received = (text: string) =>
  rig.h.sandbox.store
    .query({ method: 'agent' })
    .filter((m) => m.content === text)
    .map((m) => m.recipient)
    .sort();

describe('the set-based engine, step by step (batch runs)', () => {
  it('audience → send → wait 1 day → split on "read the first message" → remind only non-readers', async () => {
    const graph = readOrRemindJourney(await everyone(), send);
    const { handle, runId, versionId } = await start(graph);
    // The wait holds everyone (the server skips time only while the result is awaited): its live count says so.
    await expect.poll(() => waitingAt(versionId, 'wait'), { timeout: 20_000 }).toBe(6);
    // A ledger cohort: the first message's ledger rows are their state while they wait, no state row is written.
    const kept = await rows<{ members: number; n: number }>(
      sql`select coalesce(sum(members), 0)::int as members,
          (select count(*) from journey_states where run_id = ${runId}::uuid)::int as n
        from journey_cohorts where run_id = ${runId}::uuid and node_id = 'wait' and done_at is null`,
    );
    expect(kept).toEqual([{ members: 6, n: 0 }]);
    expect(received('Our offer')).toEqual(['wm1', 'wm2', 'wm3', 'wm4', 'wm5', 'wm6']);
    // Read receipts for two of them arrive during the wait (as the receipts webhook would record them).
    await rig.h.db.db.execute(sql`update deliveries set status = 'read', read_at = now()
      where run_id = ${runId}::uuid and node_id = 'first'
      and contact_id in (select id from contacts where external_id in ('c1', 'c2'))`);
    expect(await handle.result()).toMatchObject({ status: 'completed', sent: 10 });
    expect(received('Did you see our offer?')).toEqual(['wm3', 'wm4', 'wm5', 'wm6']);
    const stats = await rows<{ node_id: string; entered: number; waiting: number }>(
      sql`select node_id, entered, waiting from node_stats
        where journey_version_id = ${versionId}::uuid order by node_id`,
    );
    expect(stats).toEqual([
      { node_id: 'done', entered: 2, waiting: 0 },
      { node_id: 'first', entered: 6, waiting: 0 },
      { node_id: 'reminder', entered: 4, waiting: 0 },
      { node_id: 'split', entered: 6, waiting: 0 },
      { node_id: 'wait', entered: 6, waiting: 0 },
    ]);
    // The cohort was routed from the ledger: closed, and still no state row (nobody waits after the reminder).
    expect(
      await rows<{ open: number; n: number }>(
        sql`select count(*) filter (where done_at is null)::int as open,
            (select count(*) from journey_states where run_id = ${runId}::uuid)::int as n
          from journey_cohorts where run_id = ${runId}::uuid`,
      ),
    ).toEqual([{ open: 0, n: 0 }]);
    // The reminder went a day after the first message, by the workflow clock.
    const [gap] = await rows<{ hours: number }>(
      sql`select extract(epoch from (max(created_at) filter (where node_id = 'reminder')
          - max(created_at) filter (where node_id = 'first'))) / 3600 as hours
        from deliveries where run_id = ${runId}::uuid`,
    );
    expect(Number(gap!.hours)).toBeCloseTo(24, 0);
  });

  it("a cohort with a send on each branch: tagged while waiting, each gets its branch's message once", async () => {
    const { h } = rig;
    const gold = await seedTag(h.db.db, h.workspaceId, `Gold ${Math.random()}`);
    const graph = await journey(
      [
        send('hello', 'Hello'),
        node('wait', 'wait', { duration: { amount: 2, unit: 'hours' } }),
        node('tier', 'split', { mode: 'yes_no', condition: { kind: 'has_tag', tagId: gold } }),
        send('vip', 'A gift for our gold members'),
        send('standard', 'Our standard offer'),
      ],
      [
        { id: 'e1', source: 'trigger', target: 'hello' },
        { id: 'e2', source: 'hello', target: 'wait' },
        { id: 'e3', source: 'wait', target: 'tier' },
        { id: 'e4', source: 'tier', sourceHandle: 'yes', target: 'vip' },
        { id: 'e5', source: 'tier', sourceHandle: 'no', target: 'standard' },
      ],
    );
    const { handle, runId, versionId } = await start(graph);
    // Everyone waits (its live count) before the tags change.
    await expect.poll(() => waitingAt(versionId, 'wait'), { timeout: 20_000 }).toBe(6);
    // Two of them become gold members while they wait: the split is decided when the wait ends.
    await h.db.db.execute(sql`insert into contact_tags (workspace_id, contact_id, tag_id)
      select workspace_id, id, ${gold}::uuid from contacts where external_id in ('c1', 'c2')`);
    expect(await handle.result()).toMatchObject({ status: 'completed', sent: 12 });
    expect(received('A gift for our gold members')).toEqual(['wm1', 'wm2']);
    expect(received('Our standard offer')).toEqual(['wm3', 'wm4', 'wm5', 'wm6']);
    const stats = await rows<{ node_id: string; entered: number; waiting: number }>(
      sql`select node_id, entered, waiting from node_stats
        where journey_version_id = ${versionId}::uuid order by node_id`,
    );
    expect(stats).toEqual([
      { node_id: 'hello', entered: 6, waiting: 0 },
      { node_id: 'standard', entered: 4, waiting: 0 },
      { node_id: 'tier', entered: 6, waiting: 0 },
      { node_id: 'vip', entered: 2, waiting: 0 },
      { node_id: 'wait', entered: 6, waiting: 0 },
    ]);
    const [states] = await rows<{ n: number }>(
      sql`select count(*)::int as n from journey_states where run_id = ${runId}::uuid`,
    );
    expect(states!.n).toBe(0);
  });

  it("waits until 09:00 in each contact's own zone (the workspace's zone for a contact without one)", async () => {
    const { h } = rig;
    await h.db.db.execute(
      sql`update contacts set timezone =
        case external_id when 'c1' then 'Asia/Shanghai' when 'c2' then 'America/New_York' else null end`,
    );
    await h.db.db.execute(
      sql`update workspaces set settings = settings || '{"timezone": "Europe/Berlin"}'::jsonb
        where id = ${h.workspaceId}::uuid`,
    );
    try {
      const graph = await journey([
        node('nine', 'wait_until', { mode: 'time_of_day', time: '09:00', timezone: 'contact' }),
        send('morning', 'Good morning'),
      ]);
      const { handle, runId } = await start(graph);
      await handle.result();
      const local = await rows<{ ext: string; hhmm: string }>(sql`
        select c.external_id as ext,
          to_char(d.created_at at time zone coalesce(c.timezone, 'Europe/Berlin'), 'HH24:MI') as hhmm
        from deliveries d join contacts c on c.id = d.contact_id
        where d.run_id = ${runId}::uuid order by c.external_id`);
      expect(local).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((ext) => ({ ext, hhmm: '09:00' })));
    } finally {
      await h.db.db.execute(sql`update contacts set timezone = null`);
      await h.db.db.execute(
        sql`update workspaces set settings = settings - 'timezone' where id = ${h.workspaceId}::uuid`,
      );
    }
  });

  it('tags, updates a field, calls a webhook (PUT, its headers, signed with the workspace key) and exits', async () => {
    const { h } = rig;
    const gold = await seedTag(h.db.db, h.workspaceId, 'Gold member');
    const graph = await journey([
      node('tag', 'tag', { action: 'add', tagIds: [gold] }),
      node('field', 'update_contact', { set: { tier: 'gold' } }),
      node('hook', 'webhook', {
        url: `${h.sandbox.url}/hooks/crm`,
        method: 'PUT',
        headers: { 'x-team': 'growth' },
        body: 'welcome to gold',
      }),
      node('end', 'exit', {}),
    ]);
    const { handle, runId } = await start(graph);
    await handle.result();
    const tagged = await rows<{ n: number }>(
      sql`select count(*)::int as n from contact_tags where tag_id = ${gold}::uuid`,
    );
    expect(tagged[0]!.n).toBe(6);
    const tiers = await rows<{ tier: string }>(sql`select attributes->>'tier' as tier from contacts`);
    expect(tiers.map((t) => t.tier)).toEqual(Array(6).fill('gold'));
    const hooks = h.sandbox.store.query({ channel: 'webhook' }).filter((m) => m.account === '/hooks/crm');
    expect(hooks).toHaveLength(6);
    const first = JSON.parse(hooks[0]!.content) as {
      method: string;
      headers: Record<string, string>;
      body: { messages: Array<{ text: string }> };
      raw: string;
    };
    expect(first.method).toBe('PUT');
    expect(first.headers['x-team']).toBe('growth');
    expect(first.body.messages[0]!.text).toBe('welcome to gold');
    const key = webhookSigningKey(testSecretKey, h.workspaceId);
    expect(first.headers.signature).toBe(
      createHmac('sha256', key).update(`${first.headers.timestamp}.${first.raw}`).digest('hex'),
    );
    const states = await rows<{ status: string; node_id: string; n: number }>(
      sql`select status, node_id, count(*)::int as n from journey_states where run_id = ${runId}::uuid group by 1, 2`,
    );
    expect(states).toEqual([{ status: 'exited', node_id: 'end', n: 6 }]);
  });

  it('keeps a 50% holdout out of a batch run, first send or later step: recorded, never messaged', async () => {
    for (const shape of ['send first', 'wait first'] as const) {
      const steps =
        shape === 'send first'
          ? [send('held-a', `holdout ${shape}`)]
          : [node('pause', 'wait', { duration: { amount: 1, unit: 'hours' } }), send('held-b', `holdout ${shape}`)];
      const graph = await journey(steps);
      graph.settings = { ...graph.settings, holdoutPercent: 50 };
      const { handle, runId, journeyId } = await start(graph);
      await handle.result();
      const [held] = await rows<{ n: number }>(
        sql`select count(*)::int as n from journey_states where run_id = ${runId}::uuid and status = 'held_out'`,
      );
      const messaged = received(`holdout ${shape}`);
      expect(held!.n + messaged.length).toBe(6);
      // Exactly the contacts the documented hash holds out (computed here on its own), whoever they are.
      const contacts = await rows<{ id: string; ext: string }>(
        sql`select id, external_id as ext from contacts where workspace_id = ${rig.h.workspaceId}::uuid`,
      );
      const heldOut = (id: string) => contactBucket(id, `:${journeyId}:holdout`) < 5000;
      expect(held!.n).toBe(contacts.filter((c) => heldOut(c.id)).length);
      expect(messaged).toEqual(
        contacts
          .filter((c) => !heldOut(c.id))
          .map((c) => `wm${c.ext.slice(1)}`)
          .sort(),
      );
      // The same contacts are held out whatever the journey's shape (a stable hash of contact and journey).
      const heldIds = await rows<{
        ext: string;
      }>(sql`select c.external_id as ext from journey_states s join contacts c on c.id = s.contact_id
        where s.run_id = ${runId}::uuid and s.status = 'held_out'`);
      expect(heldIds.map((r) => `wm${r.ext.slice(1)}`).filter((w) => messaged.includes(w))).toEqual([]);
    }
  });

  it('sends again when a journey loops back to a step (each arrival is its own ledger row)', async () => {
    const { h } = rig;
    const seen = await seedTag(h.db.db, h.workspaceId, 'Seen ping');
    // A webhook step: the same ledger path as a message, and the sandbox keeps every call (WeCom would
    // drop the same text to the same person within 30 minutes of wall time, which a skipped clock is).
    const graph = await journey(
      [
        node('ping', 'webhook', { url: `${h.sandbox.url}/hooks/ping`, method: 'POST', headers: {}, body: 'Ping' }),
        node('seen', 'split', { mode: 'yes_no', condition: { kind: 'has_tag', tagId: seen } }),
        node('out', 'exit', {}),
        node('mark', 'tag', { action: 'add', tagIds: [seen] }),
        node('later', 'wait', { duration: { amount: 2, unit: 'hours' } }),
      ],
      [
        { id: 'e1', source: 'trigger', target: 'ping' },
        { id: 'e2', source: 'ping', target: 'seen' },
        { id: 'e3', source: 'seen', sourceHandle: 'yes', target: 'out' },
        { id: 'e4', source: 'seen', sourceHandle: 'no', target: 'mark' },
        { id: 'e5', source: 'mark', target: 'later' },
        { id: 'e6', source: 'later', target: 'ping' },
      ],
    );
    const { handle, runId } = await start(graph);
    await handle.result();
    const pings = h.sandbox.store.query({ channel: 'webhook' }).filter((m) => m.account === '/hooks/ping');
    expect(pings).toHaveLength(12);
    const perContact = new Map<string, number>();
    for (const p of pings) perContact.set(p.recipient, (perContact.get(p.recipient) ?? 0) + 1);
    expect([...perContact.values()]).toEqual([2, 2, 2, 2, 2, 2]);
    const [ledger] = await rows<{ n: number }>(
      sql`select count(*)::int as n from deliveries
        where run_id = ${runId}::uuid and node_id = 'ping' and status = 'sent'`,
    );
    expect(ledger!.n).toBe(12);
  });
});
