// WeCom's rates per member (30 app messages a minute, 1,000 an hour to one employee): a broadcast or
// a real-time journey's agent messages beyond them wait at the send step for the employee's next
// window, and go then — never skipped, never lost. Through the public API, on the time-skipping
// server with a real worker, PostgreSQL and the sandbox (counted at its raw count of app messages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from '@herald/db';
import { drainOnce } from '@herald/api';
import type { JourneyGraph } from '@herald/engine';
import { agentSend, node } from '@herald/engine/testing';
import type { Sandbox } from '@herald/sandbox';
import type { ApiHarness } from '../api/api-harness';
import { startEngineStack, type EngineStack } from './engine-stack';

let env: TestWorkflowEnvironment;
let sandbox: Sandbox;
let h: ApiHarness;
let stack: EngineStack;
let wecom: string;

beforeAll(async () => {
  stack = await startEngineStack('member-rates', {
    sandbox: { confirmDelayMs: 0 },
    app: { now: () => new Date(Date.now()) },
  });
  ({ env, sandbox, h } = stack);
  wecom = await stack.account({ kind: 'wecom', name: 'WeCom', settings: { corpId: 'corp-rates', agentId: 1000002 } });
});
afterAll(async () => stack?.close());

const call: EngineStack['call'] = (method, url, body) => stack.call(method, url, body);
const rows = async <T>(query: ReturnType<typeof sql>) => (await h.db.db.execute(query)) as unknown as T[];

/** An employee (WeCom user id `userid`) owning `n` contacts `<userid>-<i>` tagged `tag`. */
async function ownedContacts(userid: string, n: number, tag: string) {
  await call('POST', '/api/employees', { wecomUserId: userid, name: userid });
  await call('POST', '/api/contacts/import', {
    contacts: Array.from({ length: n }, (_, i) => ({
      externalId: `${userid}-${i + 1}`,
      name: `${userid} ${i + 1}`,
      identities: [{ kind: 'wecom_external_userid', value: `wm-${userid}-${i + 1}` }],
      owners: [userid],
      tags: [tag],
    })),
  });
}

/** App messages the sandbox accepted for an employee (the raw count: every call, delivered or dropped). */
const appMessages = (userid: string) => sandbox.store.callsByRecipient({ method: 'app' }).get(userid) ?? 0;
/** Agent messages each of an employee's contacts received (sent on by the employee). */
const received = (userid: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) => sandbox.store.countByRecipient({ method: 'agent' }).get(`wm-${userid}-${i + 1}`) ?? 0,
  );

/** Moves the workflow clock to just after the start of the next minute, so a test's first window is a whole minute. */
async function startOfMinute() {
  const now = await env.currentTimeMs();
  await env.sleep(60_000 - (now % 60_000) + 500);
}

/** A broadcast of one agent message to a tag's contacts, sent now; its id. */
async function broadcast(name: string, tag: string): Promise<string> {
  const tags = (await call('GET', '/api/tags')).items as Array<{ id: string; name: string }>;
  const created = await call('POST', '/api/broadcasts', {
    name,
    channelAccountId: wecom,
    method: 'wecom_agent',
    messages: [{ type: 'text', text: `${name}: our autumn menu is here` }],
    audience: { kind: 'tags', mode: 'any', tagIds: [tags.find((t) => t.name === tag)!.id], excludeTagIds: [] },
    sendType: 'immediate',
  });
  return created.id as string;
}
type Detail = {
  status: string;
  runId: string | null;
  waitingFor: string | null;
  stats: { sent: number; pending: number; pendingEmployee: number; rateLimited: number; skipped: number };
};
const detail = async (id: string) => (await call('GET', `/api/broadcasts/${id}`)) as Detail;
/** What a broadcast's numbers say: handed to the employees (sent on or not yet), waiting for the rate, skipped. */
const numbers = async (id: string) => {
  const { stats: s } = await detail(id);
  return { handedOut: s.sent + s.pendingEmployee, rateLimited: s.rateLimited, skipped: s.skipped };
};

/** A run's ledger rows per minute of the clock that decided them, oldest first. */
const perMinute = async (runId: string) =>
  (
    await rows<{ n: number }>(
      sql`select date_trunc('minute', created_at) as at, count(*)::int as n from deliveries
        where run_id = ${runId}::uuid group by 1 order by 1`,
    )
  ).map((r) => r.n);

describe("WeCom agent messages within each employee's app-message rate", () => {
  it('sends 30 of one employee’s 35 in the first minute; the other 5 wait and go in the next', async () => {
    await ownedContacts('pace-one', 35, 'Pace one');
    await startOfMinute();
    const id = await broadcast('One employee', 'Pace one');
    await expect.poll(() => appMessages('pace-one'), { timeout: 30_000 }).toBe(30);
    await expect.poll(() => numbers(id), { timeout: 30_000 }).toEqual({ handedOut: 30, rateLimited: 5, skipped: 0 });
    const waiting = await detail(id);
    expect(waiting.status).toBe('in_progress');
    expect(waiting.waitingFor).toMatch(/5 recipient\(s\) go out when their employee's next minute/);
    expect(appMessages('pace-one')).toBe(30);

    await env.sleep('1 minute');
    await expect.poll(() => appMessages('pace-one'), { timeout: 30_000 }).toBe(35);
    await expect.poll(async () => (await detail(id)).status, { timeout: 30_000 }).toBe('completed');
    const done = await detail(id);
    expect(await numbers(id)).toEqual({ handedOut: 35, rateLimited: 0, skipped: 0 });
    expect(received('pace-one', 35)).toEqual(Array(35).fill(1));
    expect(await perMinute(done.runId!)).toEqual([30, 5]);
  });

  it('sends two employees’ 20 each at once: each has their own rate', async () => {
    await ownedContacts('pace-a', 20, 'Pace two');
    await ownedContacts('pace-b', 20, 'Pace two');
    await startOfMinute();
    const id = await broadcast('Two employees', 'Pace two');
    await expect.poll(async () => (await detail(id)).status, { timeout: 30_000 }).toBe('completed');
    expect([appMessages('pace-a'), appMessages('pace-b')]).toEqual([20, 20]);
    const done = await detail(id);
    expect(await numbers(id)).toEqual({ handedOut: 40, rateLimited: 0, skipped: 0 });
    expect(await perMinute(done.runId!)).toEqual([40]);
  });

  it("holds a real-time journey's welcomes beyond 30 a minute for one employee, then sends them", async () => {
    await ownedContacts('pace-rt', 35, 'Pace rt');
    const chain = [
      node('trigger', 'event', { eventName: 'joined', filters: [] }),
      agentSend('welcome', { channelAccountId: wecom, messages: [{ type: 'text', text: 'Welcome aboard' }] }),
    ];
    const graph: JourneyGraph = {
      nodes: chain,
      edges: [{ id: 'e0', source: 'trigger', target: 'welcome' }],
      settings: { reentry: { mode: 'never' } },
    };
    const journey = await stack.publish('Welcome', graph);
    await startOfMinute();
    await call('POST', '/api/events', {
      events: Array.from({ length: 35 }, (_, i) => ({
        id: `joined-${i + 1}`,
        type: 'joined',
        contact: { externalId: `pace-rt-${i + 1}` },
        properties: {},
      })),
    });
    while ((await drainOnce(h.deps)).events > 0);
    const waitingAtWelcome = async () => (await call('GET', `/api/journeys/${journey}/stats`)).nodes.welcome?.waiting;
    await expect.poll(() => appMessages('pace-rt'), { timeout: 30_000 }).toBe(30);
    await expect.poll(waitingAtWelcome, { timeout: 30_000 }).toBe(5);
    expect(appMessages('pace-rt')).toBe(30);

    await env.sleep('1 minute');
    await expect.poll(() => appMessages('pace-rt'), { timeout: 30_000 }).toBe(35);
    await expect.poll(waitingAtWelcome, { timeout: 30_000 }).toBe(0);
    expect(received('pace-rt', 35)).toEqual(Array(35).fill(1));
  });
});
