// Real-time journeys through the public API and the drainer, on the time-skipping server with a real
// worker, PostgreSQL and the sandbox: re-entry, goals, waits for events, quiet hours, pausing,
// migrating waiting contacts to a new version, and a repeating schedule.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from '@herald/db';
import { drainOnce } from '@herald/api';
import type { JourneyGraph, JourneyNode } from '@herald/engine';
import { agentSend, chainGraph, node } from '@herald/engine/testing';
import type { Sandbox } from '@herald/sandbox';
import type { ApiHarness } from '../api/api-harness';
import { startEngineStack, type EngineStack } from './engine-stack';

let stack: EngineStack;
let env: TestWorkflowEnvironment;
let sandbox: Sandbox;
let h: ApiHarness;
let wecom: string;

beforeAll(async () => {
  stack = await startEngineStack('realtime', {
    sandbox: { confirmDelayMs: 0 },
    app: { now: () => new Date(Date.now()) },
  });
  ({ env, sandbox, h } = stack);
  wecom = await stack.account({ kind: 'wecom', name: 'WeCom', settings: { corpId: 'corp-rt', agentId: 1000002 } });
  // Agent messages go through the employee who owns the contact; the sandbox's employee sends them on at once.
  await call('POST', '/api/employees', { wecomUserId: 'rt-owner', name: 'RT Owner' });
});
afterAll(async () => stack?.close());

const call: EngineStack['call'] = (method, url, body) => stack.call(method, url, body);
const rows = async <T>(query: ReturnType<typeof sql>) => (await h.db.db.execute(query)) as unknown as T[];

/** Contacts with WeCom ids `wm-<prefix><i>`, external ids `<prefix><i>`, owned by the employee rt-owner. */
async function contacts(prefix: string, n: number, extra: Record<string, unknown> = {}) {
  await call('POST', '/api/contacts/import', {
    contacts: Array.from({ length: n }, (_, i) => ({
      externalId: `${prefix}${i + 1}`,
      name: `${prefix} ${i + 1}`,
      identities: [{ kind: 'wecom_external_userid', value: `wm-${prefix}${i + 1}` }],
      owners: ['rt-owner'],
      ...extra,
    })),
  });
}

/** An event journey: `event` → steps in order (or `edges`), published through the API. */
async function publishJourney(
  name: string,
  event: string,
  steps: JourneyNode[],
  settings: Partial<JourneyGraph['settings']> = {},
  edges?: JourneyGraph['edges'],
) {
  const chain = [node('trigger', 'event', { eventName: event, filters: [] }), ...steps];
  const graph = chainGraph(chain, settings);
  return stack.publish(name, edges ? { ...graph, edges } : graph);
}

const send = (id: string, text: string): JourneyNode =>
  agentSend(id, { channelAccountId: wecom, messages: [{ type: 'text', text }] });
/** What reached a contact: agent messages their employee sent on. */
const inbox = (recipient: string) => sandbox.store.query({ method: 'agent', recipient }).map((m) => m.content);
const post = (
  events: Array<{ id: string; type: string; externalId: string; properties?: Record<string, unknown>; at?: Date }>,
) =>
  call('POST', '/api/events', {
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      contact: { externalId: e.externalId },
      properties: e.properties ?? {},
      ...(e.at ? { occurredAt: e.at.toISOString() } : {}),
    })),
  });

/** Drains until every stored event is matched. */
async function drain() {
  while ((await drainOnce(h.deps)).events > 0);
}
const contactId = async (externalId: string) =>
  (await rows<{ id: string }>(sql`select id from contacts where external_id = ${externalId}`))[0]!.id;
const statusOf = async (journeyId: string, nodeId: string) =>
  (await call('GET', `/api/journeys/${journeyId}/stats`)).nodes[nodeId];

describe('real-time journeys on the set-based engine', () => {
  it('re-entry: never lets a contact in twice, "always" lets every entry run', async () => {
    await contacts('re', 1);
    const never = await publishJourney('Never twice', 'signup', [send('hi', 'Hi once')]);
    // A webhook step for "always": WeCom itself drops the same text to the same person within 30 minutes.
    const hook = node('again', 'webhook', {
      url: `${sandbox.url}/hooks/again`,
      method: 'POST',
      headers: {},
      body: 'again',
    });
    const always = await publishJourney('Every time', 'signup', [hook], { reentry: { mode: 'always' } });
    await post([1, 2, 3].map((i) => ({ id: `signup-${i}`, type: 'signup', externalId: 're1' })));
    await drain();
    const calls = () => sandbox.store.query({ channel: 'webhook' }).filter((m) => m.account === '/hooks/again').length;
    await expect.poll(calls, { timeout: 30_000 }).toBe(3);
    await expect.poll(() => inbox('wm-re1'), { timeout: 30_000 }).toEqual(['Hi once']);
    const entries = await rows<{ journey_id: string; status: string; n: number }>(sql`
      select journey_id, status, count(*)::int as n from journey_entries
      where journey_id in (${never}::uuid, ${always}::uuid) group by 1, 2 order by 1, 2`);
    expect(
      entries
        .filter((e) => e.journey_id === never)
        .map((e) => [e.status, e.n])
        .sort(),
    ).toEqual([
      ['entered', 1],
      ['skipped', 2],
    ]);
    expect(entries.filter((e) => e.journey_id === always).map((e) => [e.status, e.n])).toEqual([['entered', 3]]);
  });

  it('a crowd entering at once reaches its webhook once each, its calls spread over lanes of contact ids', async () => {
    // 300 entries drained in one batch: the run takes them in and their webhook step is due for all at
    // once, which goes in several pages over disjoint ranges of contact ids (advanceRun's lanes).
    await contacts('crowd', 300);
    const hook = node('greet', 'webhook', {
      url: `${sandbox.url}/hooks/crowd`,
      method: 'POST',
      headers: {},
      body: 'hi',
    });
    const journey = await publishJourney('Crowd', 'scan', [hook]);
    await post(Array.from({ length: 300 }, (_, i) => ({ id: `scan-${i}`, type: 'scan', externalId: `crowd${i + 1}` })));
    await drain();
    const calls = () => sandbox.store.query({ channel: 'webhook' }).filter((m) => m.account === '/hooks/crowd');
    // Counted once every call is settled: by then each contact has had its one call, and nobody a second.
    await expect.poll(async () => (await statusOf(journey, 'greet'))?.sent ?? 0, { timeout: 30_000 }).toBe(300);
    const ids = await rows<{ id: string }>(sql`select id from contacts where external_id like 'crowd%'`);
    expect(calls()).toHaveLength(300);
    expect(new Set(calls().map((m) => m.recipient))).toEqual(new Set(ids.map((r) => r.id)));
  });

  it("an agent message goes to the owning employee's app; they send it on (delivered) or decline it", async () => {
    // A second WeCom account whose app tells Herald what employees did (its callback configuration).
    const confirming = await stack.wecomApp({
      name: 'WeCom with callbacks',
      corpId: 'corp-rt-confirm',
      token: 'rt-token',
    });
    await call('POST', '/api/employees', { wecomUserId: 'rt-decliner', name: 'RT Decliner' });
    await stack.control('/_sandbox/wecom/behaviour', {
      corpId: 'corp-rt-confirm',
      userid: 'rt-decliner',
      action: 'decline',
    });
    await contacts('conf', 1);
    await contacts('decl', 1, { owners: ['rt-decliner'] });
    const journeyId = await publishJourney('Through the employee', 'asked', [
      agentSend('ask', { channelAccountId: confirming, messages: [{ type: 'text', text: 'Your order shipped' }] }),
    ]);
    await post([
      { id: 'asked-1', type: 'asked', externalId: 'conf1' },
      { id: 'asked-2', type: 'asked', externalId: 'decl1' },
    ]);
    await drain();
    // What the contact's timeline says of the message, as the page reads it.
    const statusIn = async (externalId: string) => {
      const items = (await call('GET', `/api/contacts/${await contactId(externalId)}/timeline`)).items as Array<{
        kind: string;
        content?: string;
        status?: string;
      }>;
      return items.find((i) => i.kind === 'message' && i.content === 'Your order shipped')?.status ?? 'none';
    };
    await expect.poll(() => statusIn('conf1'), { timeout: 30_000 }).toBe('delivered');
    await expect.poll(() => statusIn('decl1'), { timeout: 30_000 }).toBe('declined');
    // The employee's app got the request naming the contact; only the confirmed one reached its contact.
    const asked = sandbox.store
      .query({ method: 'app', account: 'corp-rt-confirm' })
      .map((m) => [m.recipient, m.content]);
    expect(asked).toContainEqual([
      'rt-owner',
      expect.stringMatching(/^For conf 1 \(wm-conf1\) \[\d+\]:\nYour order shipped$/),
    ]);
    expect(inbox('wm-conf1')).toEqual(['Your order shipped']);
    expect(inbox('wm-decl1')).toEqual([]);
    // The app tells again, in one callback, with a decline after the fact and an id Herald never sent:
    // nothing moves back (each answer says so), the unknown one names nobody, and the counts stand.
    const report = async () => (await call('GET', `/api/journeys/${journeyId}/report`)).funnel as object;
    const before = await report();
    const [conf] = sandbox.store.query({ method: 'app', account: 'corp-rt-confirm', recipient: 'rt-owner' });
    const body = JSON.stringify({
      actions: [
        { msgid: conf!.providerMessageId, userid: 'rt-owner', action: 'sent', at: new Date().toISOString() },
        { msgid: conf!.providerMessageId, userid: 'rt-owner', action: 'delivered', at: new Date().toISOString() },
        { msgid: conf!.providerMessageId, userid: 'rt-owner', action: 'declined', at: new Date().toISOString() },
        { msgid: 'never-sent', userid: 'rt-owner', action: 'sent', at: new Date().toISOString() },
      ],
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const told = await fetch(`${await stack.callbackBase()}/webhooks/wecom/${confirming}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-herald-timestamp': timestamp,
        'x-herald-signature': createHmac('sha256', 'rt-token').update(`${timestamp}.${body}`).digest('hex'),
      },
      body,
    });
    expect(((await told.json()) as { results: unknown[] }).results).toEqual([
      { msgid: conf!.providerMessageId, to: 'wm-conf1', applied: false, held: false },
      { msgid: conf!.providerMessageId, to: 'wm-conf1', applied: false, held: false },
      { msgid: conf!.providerMessageId, to: 'wm-conf1', applied: false, held: false },
      { msgid: 'never-sent', to: null, applied: false, held: true },
    ]);
    expect(await statusIn('conf1')).toBe('delivered');
    expect(await report()).toEqual(before);
  });

  it('a goal event takes a waiting contact out (a conversion); the others get the message after the wait', async () => {
    await contacts('goal', 2);
    const journey = await publishJourney(
      'Goal',
      'browse',
      [node('wait', 'wait', { duration: { amount: 1, unit: 'days' } }), send('nudge', 'Come back!')],
      { goalEvent: 'purchase' },
    );
    await post([1, 2].map((i) => ({ id: `browse-goal${i}`, type: 'browse', externalId: `goal${i}` })));
    await drain();
    await expect.poll(async () => (await statusOf(journey, 'wait'))?.waiting ?? 0, { timeout: 30_000 }).toBe(2);
    await post([{ id: 'buy-goal1', type: 'purchase', externalId: 'goal1' }]);
    await drain();
    // Converted within the attribution window, before any message reached them (counted for the journey).
    await expect
      .poll(async () => (await call('GET', `/api/journeys/${journey}/report`)).funnel.converted, { timeout: 30_000 })
      .toBe(1);
    await expect.poll(async () => (await statusOf(journey, 'wait'))?.waiting ?? 0, { timeout: 30_000 }).toBe(1);
    await env.sleep('25 hours');
    await expect.poll(() => inbox('wm-goal2'), { timeout: 30_000 }).toEqual(['Come back!']);
    expect(inbox('wm-goal1')).toEqual([]);
  });

  it('a wait for an event: the event (its filter passing) takes one branch, the timeout the other', async () => {
    await contacts('wfe', 2);
    const steps = [
      node('wfe', 'wait_for_event', {
        eventName: 'order',
        timeout: { amount: 2, unit: 'days' },
        filters: [{ property: 'total', op: 'gt', value: 100 }],
      }),
      send('thanks', 'Thanks for your order'),
      send('still', 'Still thinking?'),
    ];
    await publishJourney('Order', 'cart', steps, {}, [
      { id: 'e1', source: 'trigger', target: 'wfe' },
      { id: 'e2', source: 'wfe', sourceHandle: 'event', target: 'thanks' },
      { id: 'e3', source: 'wfe', sourceHandle: 'timeout', target: 'still' },
    ]);
    await post([1, 2].map((i) => ({ id: `cart-wfe${i}`, type: 'cart', externalId: `wfe${i}` })));
    await drain();
    const waiting = async () =>
      (
        await rows<{ n: number }>(
          sql`select count(*)::int as n from journey_states where awaiting = 'order' and status = 'active'`,
        )
      )[0]!.n;
    await expect.poll(waiting, { timeout: 30_000 }).toBe(2);
    // A small order does not pass the filter; a big one does.
    await post([
      { id: 'order-small', type: 'order', externalId: 'wfe2', properties: { total: 20 } },
      { id: 'order-big', type: 'order', externalId: 'wfe1', properties: { total: 250 } },
    ]);
    await drain();
    await expect.poll(() => inbox('wm-wfe1'), { timeout: 30_000 }).toEqual(['Thanks for your order']);
    await env.sleep('49 hours');
    await expect.poll(() => inbox('wm-wfe2'), { timeout: 30_000 }).toEqual(['Still thinking?']);
    expect(inbox('wm-wfe1')).toEqual(['Thanks for your order']);
  });

  it("holds a message inside the journey's quiet hours until they end, then sends it", async () => {
    await contacts('quiet', 1);
    const now = new Date(await env.currentTimeMs());
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const end = new Date(now.getTime() + 3 * 3_600_000);
    await publishJourney('Quiet', 'late', [send('late', 'Not at night')], {
      quietHours: { start: hhmm(new Date(now.getTime() - 3_600_000)), end: hhmm(end), timezone: 'UTC' },
    });
    await post([{ id: 'late-1', type: 'late', externalId: 'quiet1' }]);
    await drain();
    const deferred = async () =>
      (
        await rows<{ due: Date }>(
          sql`select due_at as due from journey_states where node_id = 'late' and status = 'active'`,
        )
      )[0]?.due;
    await expect.poll(deferred, { timeout: 30_000 }).toBeTruthy();
    expect(inbox('wm-quiet1')).toEqual([]);
    await env.sleep('4 hours');
    await expect.poll(() => inbox('wm-quiet1'), { timeout: 30_000 }).toEqual(['Not at night']);
    const [sent] = await rows<{ at: Date }>(
      sql`select d.created_at as at from deliveries d
        join contacts c on c.id = d.contact_id where c.external_id = 'quiet1'`,
    );
    expect(hhmm(new Date(sent!.at))).toBe(hhmm(end));
  });

  it('a goal event takes a contact held at a send by quiet hours out, without the message', async () => {
    await contacts('qgoal', 2);
    const now = new Date(await env.currentTimeMs());
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const end = new Date(now.getTime() + 3 * 3_600_000);
    const journey = await publishJourney('Quiet goal', 'evening', [send('qsend', 'Good morning')], {
      goalEvent: 'purchase',
      quietHours: { start: hhmm(new Date(now.getTime() - 3_600_000)), end: hhmm(end), timezone: 'UTC' },
    });
    await post([1, 2].map((i) => ({ id: `evening-qgoal${i}`, type: 'evening', externalId: `qgoal${i}` })));
    await drain();
    await expect.poll(async () => (await statusOf(journey, 'qsend'))?.waiting ?? 0, { timeout: 30_000 }).toBe(2);
    // On the journey's clock: earlier tests' sleeps put the time-skipping server ahead of the wall clock.
    await post([{ id: 'buy-qgoal1', type: 'purchase', externalId: 'qgoal1', at: new Date(await env.currentTimeMs()) }]);
    await drain();
    // The buyer leaves the send at once (a conversion); the other waits for the morning.
    await expect.poll(async () => (await statusOf(journey, 'qsend'))?.waiting ?? 0, { timeout: 30_000 }).toBe(1);
    await env.sleep('4 hours');
    await expect.poll(() => inbox('wm-qgoal2'), { timeout: 30_000 }).toEqual(['Good morning']);
    await expect.poll(async () => (await statusOf(journey, 'qsend'))?.waiting ?? -1, { timeout: 30_000 }).toBe(0);
    expect(inbox('wm-qgoal1')).toEqual([]);
    expect((await call('GET', `/api/journeys/${journey}/report`)).funnel.converted).toBe(1);
  });

  it('moves contacts waiting in version 1 to version 2 at the same step, after a dry run counts them', async () => {
    await contacts('mig', 3);
    const steps = (text: string) => [
      node('wait', 'wait', { duration: { amount: 1, unit: 'days' } }),
      send('msg', text),
    ];
    const journey = await publishJourney('Migrate', 'join', steps('Version 1 message'));
    await post([1, 2, 3].map((i) => ({ id: `join-mig${i}`, type: 'join', externalId: `mig${i}` })));
    await drain();
    await expect.poll(async () => (await statusOf(journey, 'wait'))?.waiting ?? 0, { timeout: 30_000 }).toBe(3);
    const graph = (await call('GET', `/api/journeys/${journey}`)).graph as JourneyGraph;
    graph.nodes = graph.nodes.map((n) => (n.id === 'msg' ? send('msg', 'Version 2 message') : n));
    await call('PUT', `/api/journeys/${journey}/graph`, { graph });
    await call('POST', `/api/journeys/${journey}/publish`, {});
    const dry = await call('POST', `/api/journeys/${journey}/migrate`, { dryRun: true });
    expect(dry).toEqual({
      dryRun: true,
      moved: 3,
      staying: 0,
      steps: [{ nodeId: 'wait', kind: 'wait', count: 3, moves: true }],
    });
    expect(await call('POST', `/api/journeys/${journey}/migrate`, { dryRun: false })).toMatchObject({
      moved: 3,
      staying: 0,
    });
    expect((await call('GET', `/api/journeys/${journey}/stats`)).nodes.wait).toMatchObject({ waiting: 3 });
    await env.sleep('25 hours');
    for (const i of [1, 2, 3])
      await expect.poll(() => inbox(`wm-mig${i}`), { timeout: 30_000 }).toEqual(['Version 2 message']);
  });

  it('runs every other step kind one by one: attribute split, tag, field, wait until date, webhook, exit', async () => {
    await contacts('all', 2);
    await call('PATCH', `/api/contacts/${await contactId('all1')}`, { attributes: { plan: 'pro' } });
    const tag = (await call('POST', '/api/tags', { name: 'Pro onboarding' })).id as string;
    const until = new Date((await env.currentTimeMs()) + 6 * 3_600_000).toISOString();
    const steps = [
      node('plan', 'split', { mode: 'yes_no', condition: { kind: 'attribute', key: 'plan', op: 'eq', value: 'pro' } }),
      node('tag', 'tag', { action: 'add', tagIds: [tag] }),
      node('field', 'update_contact', { set: { onboarded: true } }),
      node('later', 'wait_until', { mode: 'datetime', at: until }),
      node('hook', 'webhook', { url: `${sandbox.url}/hooks/pro`, method: 'POST', headers: {}, body: 'pro onboarded' }),
      node('bye', 'exit', {}),
    ];
    const journey = await publishJourney('Pro onboarding', 'trial_end', steps, {}, [
      { id: 'e1', source: 'trigger', target: 'plan' },
      { id: 'e2', source: 'plan', sourceHandle: 'yes', target: 'tag' },
      { id: 'e3', source: 'plan', sourceHandle: 'no', target: 'bye' },
      { id: 'e4', source: 'tag', target: 'field' },
      { id: 'e5', source: 'field', target: 'later' },
      { id: 'e6', source: 'later', target: 'hook' },
      { id: 'e7', source: 'hook', target: 'bye' },
    ]);
    await post([1, 2].map((i) => ({ id: `trial-all${i}`, type: 'trial_end', externalId: `all${i}` })));
    await drain();
    await expect.poll(async () => (await statusOf(journey, 'later'))?.waiting ?? 0, { timeout: 30_000 }).toBe(1);
    expect((await statusOf(journey, 'bye'))?.entered).toBe(1);
    const hooks = () => sandbox.store.query({ channel: 'webhook' }).filter((m) => m.account === '/hooks/pro').length;
    expect(hooks()).toBe(0);
    await env.sleep('7 hours');
    await expect.poll(hooks, { timeout: 30_000 }).toBe(1);
    const [pro] = await rows<{
      onboarded: boolean;
      tagged: boolean;
    }>(sql`select (c.attributes->>'onboarded')::boolean as onboarded,
      exists (select 1 from contact_tags t where t.contact_id = c.id and t.tag_id = ${tag}::uuid) as tagged
      from contacts c where external_id = 'all1'`);
    expect(pro).toEqual({ onboarded: true, tagged: true });
    const [other] = await rows<{
      tagged: boolean;
    }>(sql`select exists (select 1 from contact_tags t join contacts c on c.id = t.contact_id
      where c.external_id = 'all2' and t.tag_id = ${tag}::uuid) as tagged`);
    expect(other!.tagged).toBe(false);
    await expect.poll(async () => (await statusOf(journey, 'bye'))?.entered ?? 0, { timeout: 30_000 }).toBe(2);
  });

  it('a daily schedule opens a run a day (3 days, 3 messages), shows its next run, stops when archived', async () => {
    await contacts('daily', 2, { tags: ['Daily club'] });
    const tag = ((await call('GET', '/api/tags')).items as Array<{ id: string; name: string }>).find(
      (t) => t.name === 'Daily club',
    )!.id;
    const at = new Date((await env.currentTimeMs()) + 3_600_000);
    const graph: JourneyGraph = {
      nodes: [
        node('trigger', 'schedule', {
          mode: 'recurring',
          every: 'day',
          time: at.toISOString().slice(11, 16),
          timezone: 'UTC',
          audience: { kind: 'tags', mode: 'any', tagIds: [tag], excludeTagIds: [] },
        }),
        send('daily', 'Your daily tip'),
      ],
      edges: [{ id: 'e1', source: 'trigger', target: 'daily' }],
      settings: { reentry: { mode: 'never' } },
    };
    const id = await stack.publish('Daily tip', graph);
    await expect
      .poll(async () => (await call('GET', `/api/journeys/${id}`)).nextRunAt, { timeout: 30_000 })
      .toBeTruthy();
    await env.sleep('50 hours');
    // Each occurrence is its own run, with its own stats. (The sandbox, like WeCom, drops the same
    // text to the same person within 30 minutes of wall time, which the skipped days are not: the
    // ledger and the runs are what count here.)
    const occurrences = async () =>
      rows<{ status: string; sent: number; total: number }>(sql`select r.status, r.sent, r.total from runs r
        join journey_versions v on v.id = r.journey_version_id
        where v.journey_id = ${id}::uuid and r.occurrence_at is not null order by r.occurrence_at`);
    await expect
      .poll(async () => (await occurrences()).filter((r) => r.status === 'completed').length, { timeout: 30_000 })
      .toBe(3);
    expect(await occurrences()).toEqual(Array(3).fill({ status: 'completed', sent: 2, total: 2 }));
    const [sent] = await rows<{
      n: number;
      days: number;
    }>(sql`select count(*)::int as n, count(distinct date_trunc('day', d.created_at))::int as days
      from deliveries d join contacts c on c.id = d.contact_id
      where c.external_id = 'daily1' and d.status = 'pending_employee'`);
    expect(sent).toEqual({ n: 3, days: 3 });
    expect(inbox('wm-daily1')).toContain('Your daily tip');
    await call('POST', `/api/journeys/${id}/archive`, {});
    await expect
      .poll(
        async () =>
          (await rows<{ next: Date | null }>(sql`select next_run_at as next from journeys where id = ${id}::uuid`))[0]!
            .next,
        { timeout: 30_000 },
      )
      .toBeNull();
    await env.sleep('48 hours');
    expect(await occurrences()).toHaveLength(3);
  });
});
