// The drainer signals a journey only when the contact is in it and it waits for that event name:
// with several live journeys, every other event used to cost one call to Temporal per journey.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { sql } from '@herald/db';
import { ChannelClients, createActivities } from '@herald/activities';
import { drainOnce } from '@herald/api';
import type { JourneyGraph } from '@herald/engine';
import { agentSend, followJourney } from '@herald/engine/testing';
import { journeyWorkflowId } from '@herald/engine/workflows';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { createTimeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../temporal/env';
import { bearer, createApiHarness, type ApiHarness } from '../api/api-harness';
import { testSecretKey } from '../fixtures/seed';

let env: TestWorkflowEnvironment;
let sandbox: Sandbox;
let h: ApiHarness;
let worker: Worker;
let running: Promise<void>;
let signals = 0;
const taskQueue = uniqueTaskQueue('drainer');

/** The real client, counting the signals the drainer sends through it. */
function countingClient(client: Client): Client {
  const workflow = new Proxy(client.workflow, {
    get(target, prop, receiver) {
      if (prop !== 'getHandle') return Reflect.get(target, prop, receiver) as unknown;
      return (...args: Parameters<Client['workflow']['getHandle']>) => {
        const handle = target.getHandle(...args);
        return new Proxy(handle, {
          get: (t, p, r) =>
            p === 'signal'
              ? (...a: unknown[]) => {
                  signals++;
                  return (t.signal as (...x: unknown[]) => Promise<void>)(...a);
                }
              : (Reflect.get(t, p, r) as unknown),
        });
      };
    },
  });
  return new Proxy(client, { get: (t, p, r) => (p === 'workflow' ? workflow : (Reflect.get(t, p, r) as unknown)) });
}

beforeAll(async () => {
  [env, sandbox] = await Promise.all([createTimeSkippingEnv(), startSandbox({ confirmDelayMs: 0, smtpPort: -1 })]);
  h = await createApiHarness({ client: countingClient(env.client), taskQueue });
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: createActivities({ db: h.db.db, secretKey: testSecretKey, channels: new ChannelClients() }),
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await h?.close();
  await sandbox?.close();
});

describe('the drainer', () => {
  it('signals only the journeys a contact is in that wait for the event, and the awaited event still arrives', async () => {
    const post = async (url: string, body: unknown) =>
      (await h.app.inject({ method: 'POST', url, headers: bearer(h.key), payload: body as object })).json();
    const wechat = (
      await post('/api/channel-accounts', {
        kind: 'wechat_service',
        name: 'OA',
        baseUrl: sandbox.url,
        settings: { appId: 'wx-drain' },
        credentials: { secret: 's' },
      })
    ).id as string;
    const wecom = (
      await post('/api/channel-accounts', {
        kind: 'wecom',
        name: 'WeCom',
        baseUrl: sandbox.url,
        settings: { corpId: 'corp-drain', agentId: 1000002 },
        credentials: { secret: 's' },
      })
    ).id as string;
    await post('/api/contacts/import', {
      contacts: [{ externalId: 'lin', name: 'Lin', identities: [{ kind: 'wecom_external_userid', value: 'wm-lin' }] }],
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

    expect(await post('/api/events', { id: 'follow-lin', type: 'follow', contact: { externalId: 'lin' } })).toEqual({
      accepted: 1,
      duplicates: 0,
    });
    await drainOnce(h.deps);
    expect(
      (
        (await h.db.db.execute(
          sql`select count(*)::int as n from journey_entries where status = 'started'`,
        )) as unknown as Array<{ n: number }>
      )[0]!.n,
    ).toBe(3);

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

    expect(await post('/api/events', { id: 'buy-1', type: 'purchase', contact: { externalId: 'lin' } })).toEqual({
      accepted: 1,
      duplicates: 0,
    });
    await drainOnce(h.deps);
    expect(signals).toBe(1);
    const [lin] = (await h.db.db.execute(sql`select id from contacts where external_id = 'lin'`)) as unknown as Array<{
      id: string;
    }>;
    await env.client.workflow.getHandle(journeyWorkflowId(h.workspaceId, journeys[0]!, lin!.id)).result();
    expect(sandbox.store.query({ method: 'agent', recipient: 'wm-lin' }).map((m) => m.content)).toContain(
      'Thanks for your order',
    );
    expect(sandbox.store.query({ method: 'agent', recipient: 'wm-lin' }).map((m) => m.content)).not.toContain(
      'Still thinking?',
    );
  });
});
