// Copies, drafts and edits of broadcasts with an A/B test or a local time of day (issue 20 after H-15's
// copy/edit): the variants, the winner and the time of day travel with them, and an edit can drop the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { createTimeSkippingEnv, uniqueTaskQueue } from '../temporal/env';
import { addAccount, bearer, createApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
let sandbox: Sandbox;
let env: TestWorkflowEnvironment;
let wecom: string;
let tag: string;

const call = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
  h.app.inject({ method, url, headers: bearer(h.key), ...(body === undefined ? {} : { payload: body as object }) });
const detail = async (id: string) => (await call('GET', `/api/broadcasts/${id}`)).json();

beforeAll(async () => {
  sandbox = await startSandbox({ confirmDelayMs: -1, smtpPort: -1 });
  env = await createTimeSkippingEnv();
  // No worker: nothing here is meant to send; the runs wait on the server.
  h = await createApiHarness({ client: env.client, taskQueue: uniqueTaskQueue('copy-experiments') });
  wecom = await addAccount(h, {
    kind: 'wecom',
    name: 'Copy WeCom',
    baseUrl: sandbox.url,
    settings: { corpId: 'corp-copy-ab', agentId: 1000002 },
  });
  await call('POST', '/api/employees', { wecomUserId: 'copy-owner', name: 'Copy Owner' });
  await call('POST', '/api/contacts/import', {
    contacts: ['ann', 'bo'].map((c) => ({
      externalId: `copy-${c}`,
      name: c,
      identities: [{ kind: 'wecom_external_userid', value: `wm-copy-${c}` }],
      tags: ['Copy list'],
      owners: ['copy-owner'],
    })),
  });
  tag = ((await call('GET', '/api/tags')).json().items as Array<{ id: string; name: string }>).find(
    (t) => t.name === 'Copy list',
  )!.id;
}, 120_000);

afterAll(async () => {
  await env?.teardown();
  await h?.close();
  await sandbox?.close();
});

const variants = [
  { id: 'a', share: 50 },
  { id: 'b', share: 50, messages: [{ type: 'text', text: 'Variant B text' }] },
];
const base = (name: string) => ({
  name,
  channelAccountId: wecom,
  method: 'wecom_agent',
  messages: [{ type: 'text', text: 'Variant A text' }],
  audience: { kind: 'tags', mode: 'any', tagIds: [tag], excludeTagIds: [] },
  variants,
});

describe('copies and edits of experiments and local-time sends', () => {
  it('a copy keeps the variants and the winner; an edit dropping the variants drops the winner with them', async () => {
    const winner = { metric: 'read', after: { amount: 4, unit: 'hours' }, testPercent: 40 };
    const created = await call('POST', '/api/broadcasts', {
      ...base('Timed test'),
      winner,
      sendType: 'timed',
      sendAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(await detail(id)).toMatchObject({ variants, winner });

    const copy = await call('POST', `/api/broadcasts/${id}/copy`, {});
    expect(copy.statusCode).toBe(201);
    expect(await detail(copy.json().id)).toMatchObject({ status: 'draft', variants, winner });

    const edited = await call('PUT', `/api/broadcasts/${id}`, { variants: null });
    expect(edited.statusCode).toBe(200);
    expect(await detail(id)).toMatchObject({ status: 'pending', variants: null, winner: null });
  });

  it("a local-time broadcast's copy is a draft at the same time of day, sent at it with its variants", async () => {
    const created = await call('POST', '/api/broadcasts', {
      ...base('Morning test'),
      sendType: 'local_time',
      localTime: '10:30',
      sendAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    expect(created.statusCode).toBe(201);
    const copy = await call('POST', `/api/broadcasts/${created.json().id}/copy`, {});
    expect(copy.statusCode).toBe(201);
    const id = copy.json().id as string;
    expect(await detail(id)).toMatchObject({ status: 'draft', sendType: 'local_time', localTime: '10:30', variants });

    // Sent at a later day's start, each contact at 10:30 in their zone: the time of day is the copied one.
    const sent = await call('POST', `/api/broadcasts/${id}/send`, {
      sendType: 'local_time',
      sendAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    expect(sent.statusCode).toBe(200);
    expect(await detail(id)).toMatchObject({ status: 'pending', sendType: 'local_time', localTime: '10:30', variants });
    // Nothing went out (the runs wait on the server).
    expect(sandbox.store.query({})).toHaveLength(0);
  });
});
