// The drainer tells a run once per batch, and only when something waits for it: entries, an awaited
// event, a goal. With several live journeys, every other event once cost one call to Temporal per journey.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { sql } from '@herald/db';
import { drainOnce } from '@herald/api';
import type { JourneyGraph } from '@herald/engine';
import { agentSend, followJourney } from '@herald/engine/testing';
import type { Sandbox } from '@herald/sandbox';
import { bearer, type ApiHarness } from '../api/api-harness';
import { startEngineStack, type EngineStack } from './engine-stack';

let stack: EngineStack;
let sandbox: Sandbox;
let h: ApiHarness;
let signals = 0;

/** The real client, counting the signals the drainer sends through it (to a handle, or with a start). */
function countingClient(client: Client): Client {
  const counted =
    <T extends (...a: never[]) => Promise<unknown>>(fn: T) =>
    (...a: Parameters<T>) => {
      signals++;
      return fn(...a);
    };
  const workflow = new Proxy(client.workflow, {
    get(target, prop, receiver) {
      if (prop === 'signalWithStart') return counted(target.signalWithStart.bind(target));
      if (prop !== 'getHandle') return Reflect.get(target, prop, receiver) as unknown;
      return (...args: Parameters<Client['workflow']['getHandle']>) => {
        const handle = target.getHandle(...args);
        return new Proxy(handle, {
          get: (t, p, r) => (p === 'signal' ? counted(t.signal.bind(t)) : (Reflect.get(t, p, r) as unknown)),
        });
      };
    },
  });
  return new Proxy(client, { get: (t, p, r) => (p === 'workflow' ? workflow : (Reflect.get(t, p, r) as unknown)) });
}

beforeAll(async () => {
  stack = await startEngineStack('drainer', { sandbox: { confirmDelayMs: 0 }, client: countingClient });
  ({ sandbox, h } = stack);
});
afterAll(async () => stack?.close());

describe('the drainer', () => {
  it('tells each run once per batch, nobody for events no one awaits; the awaited event moves its waiter', async () => {
    const post = async (url: string, body: unknown) =>
      (await h.app.inject({ method: 'POST', url, headers: bearer(h.key), payload: body as object })).json();
    const wechat = await stack.account({ kind: 'wechat_service', name: 'OA', settings: { appId: 'wx-drain' } });
    const wecom = await stack.account({
      kind: 'wecom',
      name: 'WeCom',
      settings: { corpId: 'corp-drain', agentId: 1000002 },
    });
    // Agent messages go through the employee who owns the contact.
    await post('/api/employees', { wecomUserId: 'drain-owner', name: 'Drain Owner' });
    await post('/api/contacts/import', {
      contacts: [
        {
          externalId: 'lin',
          name: 'Lin',
          identities: [{ kind: 'wecom_external_userid', value: 'wm-lin' }],
          owners: ['drain-owner'],
        },
      ],
    });
    const welcome = followJourney({ channelAccountId: wecom });
    welcome.nodes[0] = { ...welcome.nodes[0]!, data: { channelAccountId: wechat } } as (typeof welcome.nodes)[0];
    const purchase: JourneyGraph = {
      ...welcome,
      nodes: [
        welcome.nodes[0]!,
        {
          id: 'wfe',
          kind: 'wait_for_event',
          position: { x: 0, y: 100 },
          data: { eventName: 'purchase', timeout: { amount: 2, unit: 'days' }, filters: [] },
        },
        agentSend('thanks', { channelAccountId: wecom, messages: [{ type: 'text', text: 'Thanks for your order' }] }),
        agentSend('nudge', { channelAccountId: wecom, messages: [{ type: 'text', text: 'Still thinking?' }] }),
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'wfe' },
        { id: 'e2', source: 'wfe', sourceHandle: 'event', target: 'thanks' },
        { id: 'e3', source: 'wfe', sourceHandle: 'timeout', target: 'nudge' },
      ],
    };
    const journeys: string[] = [];
    for (const [name, graph] of [
      ['Purchase', purchase],
      ['Welcome A', welcome],
      ['Welcome B', welcome],
    ] as const) {
      const id = (await post('/api/journeys', { name, graph })).id as string;
      await post(`/api/journeys/${id}/publish`, {});
      journeys.push(id);
    }

    signals = 0;
    expect(await post('/api/events', { id: 'follow-lin', type: 'follow', contact: { externalId: 'lin' } })).toEqual({
      accepted: 1,
      duplicates: 0,
    });
    await drainOnce(h.deps);
    const entered = async () =>
      (
        (await h.db.db.execute(
          sql`select count(*)::int as n from journey_states s
            join journey_entries e on e.id = s.entry_seq where e.status = 'entered'`,
        )) as unknown as Array<{ n: number }>
      )[0]!.n;
    expect(signals).toBe(3);
    await expect.poll(entered, { timeout: 30_000 }).toBe(3);

    signals = 0;
    expect(
      await post('/api/events', {
        events: Array.from({ length: 5 }, (_, i) => ({
          id: `view-${i}`,
          type: 'page_view',
          contact: { externalId: 'lin' },
        })),
      }),
    ).toEqual({ accepted: 5, duplicates: 0 });
    await drainOnce(h.deps);
    expect(signals).toBe(0);

    // Lin is waiting for a purchase (the run has set the wait): the purchase wakes that run only.
    const [lin] = (await h.db.db.execute(sql`select id from contacts where external_id = 'lin'`)) as unknown as Array<{
      id: string;
    }>;
    const awaiting = async () =>
      (
        (await h.db.db.execute(
          sql`select count(*)::int as n from journey_states
            where contact_id = ${lin!.id}::uuid and awaiting = 'purchase'`,
        )) as unknown as Array<{ n: number }>
      )[0]!.n;
    await expect.poll(awaiting, { timeout: 30_000 }).toBe(1);
    // Its workflow has looked a last time and sleeps: marked so, the next event must wake it (a run that
    // is busy taking entries in is not signalled at all).
    const purchaseAsleep = async () =>
      (
        (await h.db.db.execute(
          sql`select r.sleeping from runs r join journey_versions v on v.id = r.journey_version_id
            where v.journey_id = ${journeys[0]!}::uuid and r.kind = 'journey'`,
        )) as unknown as Array<{ sleeping: boolean }>
      )[0]?.sleeping;
    await expect.poll(purchaseAsleep, { timeout: 30_000 }).toBe(true);
    expect(await post('/api/events', { id: 'buy-1', type: 'purchase', contact: { externalId: 'lin' } })).toEqual({
      accepted: 1,
      duplicates: 0,
    });
    await drainOnce(h.deps);
    expect(signals).toBe(1);
    const inbox = () => sandbox.store.query({ method: 'agent', recipient: 'wm-lin' }).map((m) => m.content);
    await expect.poll(inbox, { timeout: 30_000 }).toContain('Thanks for your order');
    expect(inbox()).not.toContain('Still thinking?');
    // Lin moved on; the run looked again and sleeps until its next event.
    await expect.poll(purchaseAsleep, { timeout: 30_000 }).toBe(true);
    expect(journeys).toHaveLength(3);
  });
});
