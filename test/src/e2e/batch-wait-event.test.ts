// A batch journey whose contacts wait for an event between their first message and a split: the events,
// posted through the API and drained, move them on to their branch's message (real worker on the
// time-skipping server, PostgreSQL, the sandbox). The journey fault with a worker kill in that wait is
// built on this.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { drainOnce } from '@herald/api';
import { agentSend } from '@herald/engine/testing';
import type { Sandbox } from '@herald/sandbox';
import type { ApiHarness } from '../api/api-harness';
import { startEngineStack, type EngineStack } from './engine-stack';

let sandbox: Sandbox;
let h: ApiHarness;
let stack: EngineStack;

beforeAll(async () => {
  stack = await startEngineStack('batch-wfe', { sandbox: { confirmDelayMs: 0 } });
  ({ sandbox, h } = stack);
});
afterAll(async () => stack?.close());

const call: EngineStack['call'] = (method, url, body) => stack.call(method, url, body);

it('an audience waiting for an event moves on to each branch when its events come, not before', async () => {
  const wecom = await stack.account({
    kind: 'wecom',
    name: 'WeCom waits',
    settings: { corpId: 'corp-wfe', agentId: 1000002 },
  });
  await call('POST', '/api/employees', { wecomUserId: 'wfe-owner', name: 'Owner' });
  await call('POST', '/api/contacts/import', {
    contacts: [1, 2, 3, 4].map((i) => ({
      externalId: `wfe-${i}`,
      name: `Guest ${i}`,
      identities: [{ kind: 'wecom_external_userid', value: `wm-wfe-${i}` }],
      tags: ['Waiting'],
      attributes: { tier: i % 2 === 0 ? 'gold' : 'silver' },
      owners: ['wfe-owner'],
    })),
  });
  const tag = ((await call('GET', '/api/tags')).items as Array<{ id: string; name: string }>).find(
    (t) => t.name === 'Waiting',
  )!;
  const text = (t: string) => agentSend(t, { channelAccountId: wecom, messages: [{ type: 'text', text: t }] });
  const graph = {
    nodes: [
      {
        id: 'start',
        kind: 'audience',
        position: { x: 0, y: 0 },
        data: { audience: { kind: 'tags', mode: 'all', tagIds: [tag.id], excludeTagIds: [] } },
      },
      text('hello'),
      {
        id: 'wait',
        kind: 'wait_for_event',
        position: { x: 0, y: 0 },
        data: { eventName: 'go', timeout: { amount: 1, unit: 'days' }, filters: [] },
      },
      {
        id: 'tier',
        kind: 'split',
        position: { x: 0, y: 0 },
        data: { mode: 'yes_no', condition: { kind: 'attribute', key: 'tier', op: 'eq', value: 'gold' } },
      },
      text('gold'),
      text('silver'),
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'hello' },
      { id: 'e2', source: 'hello', target: 'wait' },
      { id: 'e3', source: 'wait', sourceHandle: 'event', target: 'tier' },
      { id: 'e3t', source: 'wait', sourceHandle: 'timeout', target: 'tier' },
      { id: 'e4', source: 'tier', sourceHandle: 'yes', target: 'gold' },
      { id: 'e5', source: 'tier', sourceHandle: 'no', target: 'silver' },
    ],
    settings: { reentry: { mode: 'never' } },
  };
  const journey = await stack.publish('Wait for go', graph);
  const waiting = async () => (await call('GET', `/api/journeys/${journey}/stats`)).nodes.wait?.waiting ?? 0;
  await expect.poll(waiting, { timeout: 30_000 }).toBe(4);
  const inbox = (i: number) => sandbox.store.query({ method: 'agent', recipient: `wm-wfe-${i}` }).map((m) => m.content);
  expect([1, 2, 3, 4].map(inbox)).toEqual([['hello'], ['hello'], ['hello'], ['hello']]);
  await call('POST', '/api/events', {
    events: [1, 2, 3, 4].map((i) => ({ id: `go-${i}`, type: 'go', contact: { externalId: `wfe-${i}` } })),
  });
  while ((await drainOnce(h.deps)).events > 0);
  await expect
    .poll(() => [1, 2, 3, 4].map(inbox), { timeout: 30_000 })
    .toEqual([
      ['hello', 'silver'],
      ['hello', 'gold'],
      ['hello', 'silver'],
      ['hello', 'gold'],
    ]);
  expect(await waiting()).toBe(0);
});
