// An employee faster than Herald: the WeCom app's callback saying the employee sent an agent message on
// arrives before Herald has recorded the app message's id (the send's answer is settled after it). The
// callback is kept and applied by the settlement that records the id — once — through the public API,
// with a real worker on the time-skipping server, PostgreSQL and the sandbox.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Sandbox } from '@herald/sandbox';
import { bearer, type ApiHarness } from '../api/api-harness';
import { startEngineStack, type EngineStack } from './engine-stack';

let env: TestWorkflowEnvironment;
let sandbox: Sandbox;
let h: ApiHarness;
let stack: EngineStack;
/** Herald's address, where the sandbox posts the platforms' callbacks. */
let base: string;

beforeAll(async () => {
  stack = await startEngineStack('early');
  ({ env, sandbox, h } = stack);
  base = await h.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => stack?.close());

const call: EngineStack['call'] = (method, url, body) => stack.call(method, url, body);
const control = async (path: string, body?: unknown) =>
  (
    await fetch(`${sandbox.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  ).json();

it("an employee's answer that comes before Herald recorded the app message is applied once, when it is", async () => {
  const wecom = (
    await call('POST', '/api/channel-accounts', {
      kind: 'wecom',
      name: 'WeCom early',
      baseUrl: sandbox.url,
      settings: { corpId: 'corp-early', agentId: 1000002 },
      credentials: { secret: 's', callbackToken: 'early-token' },
    })
  ).id as string;
  await control('/_sandbox/wecom/callback', {
    corpId: 'corp-early',
    url: `${base}/webhooks/wecom/${wecom}`,
    token: 'early-token',
  });
  // The employee sends each request on, and the app tells Herald, before Herald's send call is answered.
  await control('/_sandbox/wecom/behaviour', {
    corpId: 'corp-early',
    userid: 'early-owner',
    action: 'send',
    beforeAnswer: true,
  });
  await call('POST', '/api/employees', { wecomUserId: 'early-owner', name: 'Early Owner' });
  await call('POST', '/api/contacts/import', {
    contacts: [1, 2, 3].map((i) => ({
      externalId: `early-${i}`,
      name: `Early ${i}`,
      identities: [{ kind: 'wecom_external_userid', value: `wm-early-${i}` }],
      tags: ['Early'],
      owners: ['early-owner'],
    })),
  });
  const tag = ((await call('GET', '/api/tags')).items as Array<{ id: string; name: string }>).find(
    (t) => t.name === 'Early',
  )!;
  const broadcast = await call('POST', '/api/broadcasts', {
    name: 'Early answers',
    channelAccountId: wecom,
    method: 'wecom_agent',
    messages: [{ type: 'text', text: 'Your table is ready' }],
    audience: { kind: 'tags', mode: 'all', tagIds: [tag.id], excludeTagIds: [] },
    sendType: 'immediate',
  });
  const detail = async () => call('GET', `/api/broadcasts/${broadcast.id as string}`);
  await expect.poll(async () => (await detail()).runId ?? null, { timeout: 30_000 }).not.toBeNull();
  await env.client.workflow.getHandle(`run/${(await detail()).runId as string}`).result();

  // Herald answered each employee callback before it knew the message: it named nobody and kept it.
  const requests = (
    (await control('/_sandbox/platform')) as { requests: Array<{ msgid: string; corp: string; answer: string | null }> }
  ).requests.filter((r) => r.corp === 'corp-early');
  expect(requests).toHaveLength(3);
  for (const r of requests) {
    const [, json] = /^Herald answered 200: (.*)$/s.exec(r.answer ?? '') ?? [];
    expect(JSON.parse(json ?? '{}')).toEqual({
      results: [
        { msgid: r.msgid, to: null, applied: false, held: true },
        { msgid: r.msgid, to: null, applied: false, held: true },
      ],
    });
  }
  // …and the settlement that recorded the ids applied them: each message sent and delivered, counted once.
  const stats = { total: 3, sent: 3, delivered: 3, failed: 0 };
  expect((await detail()).stats).toMatchObject(stats);
  const ledger = async () =>
    (
      await h.app.inject({
        method: 'GET',
        url: `/api/broadcasts/${broadcast.id as string}/export.csv`,
        headers: bearer(h.key),
      })
    ).body
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[4])
      .sort();
  expect(await ledger()).toEqual(['delivered', 'delivered', 'delivered']);
  expect(
    sandbox.store
      .query({ method: 'agent', account: 'corp-early' })
      .map((m) => m.recipient)
      .sort(),
  ).toEqual(['wm-early-1', 'wm-early-2', 'wm-early-3']);

  // The app tells again: the messages are known now, nothing moves, nothing is counted twice.
  const body = JSON.stringify({
    actions: requests.map((r) => ({
      msgid: r.msgid,
      userid: 'early-owner',
      action: 'sent',
      at: new Date().toISOString(),
    })),
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const again = await fetch(`${base}/webhooks/wecom/${wecom}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-herald-timestamp': timestamp,
      'x-herald-signature': createHmac('sha256', 'early-token').update(`${timestamp}.${body}`).digest('hex'),
    },
    body,
  });
  const told = ((await again.json()) as { results: Array<{ to: string | null; applied: boolean; held: boolean }> })
    .results;
  expect(told.map((r) => [r.applied, r.held])).toEqual([
    [false, false],
    [false, false],
    [false, false],
  ]);
  expect(told.map((r) => r.to).sort()).toEqual(['wm-early-1', 'wm-early-2', 'wm-early-3']);
  expect((await detail()).stats).toMatchObject(stats);
  expect(await ledger()).toEqual(['delivered', 'delivered', 'delivered']);
});

it("a template message's job result that comes before Herald recorded it is applied once, when it is", async () => {
  const oa = (
    await call('POST', '/api/channel-accounts', {
      kind: 'wechat_service',
      name: 'OA early',
      baseUrl: sandbox.url,
      settings: { appId: 'wx-early' },
      credentials: { secret: 's', callbackToken: 'wx-early-token' },
    })
  ).id as string;
  expect(
    await control('/_sandbox/wechat/server-config', {
      appid: 'wx-early',
      url: `${base}/webhooks/wechat/${oa}`,
      token: 'wx-early-token',
    }),
  ).toMatchObject({ ok: true });
  // WeChat posts each template message's result to the account's server before the send call is answered.
  expect(await control('/_sandbox/wechat/template-results', { appId: 'wx-early', timing: 'before_answer' })).toEqual({
    ok: true,
  });
  await call('POST', '/api/contacts/import', {
    contacts: [1, 2, 3].map((i) => ({
      externalId: `fan-early-${i}`,
      name: `Fan ${i}`,
      identities: [{ kind: 'wechat_openid', value: `o-early-${i}`, channelAccountId: oa }],
      tags: ['Early fans'],
    })),
  });
  const tag = ((await call('GET', '/api/tags')).items as Array<{ id: string; name: string }>).find(
    (t) => t.name === 'Early fans',
  )!;
  const broadcast = await call('POST', '/api/broadcasts', {
    name: 'Early results',
    channelAccountId: oa,
    method: 'wechat_template',
    messages: [
      {
        type: 'template',
        templateId: 'tpl-order-shipped',
        fields: ['first', 'keyword1', 'keyword2', 'remark'],
        data: { first: 'Shipped', keyword1: 'A-1', keyword2: 'SF', remark: 'Thanks' },
      },
    ],
    audience: { kind: 'tags', mode: 'all', tagIds: [tag.id], excludeTagIds: [] },
    sendType: 'immediate',
  });
  const detail = async () => call('GET', `/api/broadcasts/${broadcast.id as string}`);
  await expect.poll(async () => (await detail()).runId ?? null, { timeout: 30_000 }).not.toBeNull();
  await env.client.workflow.getHandle(`run/${(await detail()).runId as string}`).result();
  // The results came first (the sandbox answered each send only after Herald took its result), and the
  // settlement applied them: three sent, three delivered, counted once.
  expect((await detail()).stats).toMatchObject({ total: 3, sent: 3, delivered: 3, failed: 0 });
  expect(
    sandbox.store
      .query({ method: 'template', account: 'wx-early' })
      .map((m) => m.recipient)
      .sort(),
  ).toEqual(['o-early-1', 'o-early-2', 'o-early-3']);
});

it('read receipts that come before Herald recorded their messages are applied once, when it is', async () => {
  const wecom = (
    await call('POST', '/api/channel-accounts', {
      kind: 'wecom',
      name: 'WeCom early receipts',
      baseUrl: sandbox.url,
      settings: { corpId: 'corp-early-r', agentId: 1000002 },
      credentials: { secret: 's', callbackToken: 'early-r-token', receiptsSecret: 'early-r-receipts' },
    })
  ).id as string;
  await control('/_sandbox/wecom/callback', {
    corpId: 'corp-early-r',
    url: `${base}/webhooks/wecom/${wecom}`,
    token: 'early-r-token',
  });
  // The employee sends each request on before Herald's send call is answered, and the contact reads it at
  // once: the provider posts the read receipt before it answers Herald too.
  await control('/_sandbox/wecom/behaviour', {
    corpId: 'corp-early-r',
    userid: 'early-r-owner',
    action: 'send',
    beforeAnswer: true,
  });
  await control('/_sandbox/receipts', {
    account: 'corp-early-r',
    url: `${base}/webhooks/receipts/${wecom}`,
    secret: 'early-r-receipts',
    readShare: 1,
    beforeAnswer: true,
  });
  await call('POST', '/api/employees', { wecomUserId: 'early-r-owner', name: 'Early Reader' });
  await call('POST', '/api/contacts/import', {
    contacts: [1, 2, 3].map((i) => ({
      externalId: `early-r-${i}`,
      name: `Early reader ${i}`,
      identities: [{ kind: 'wecom_external_userid', value: `wm-early-r-${i}` }],
      tags: ['Early readers'],
      owners: ['early-r-owner'],
    })),
  });
  const tag = ((await call('GET', '/api/tags')).items as Array<{ id: string; name: string }>).find(
    (t) => t.name === 'Early readers',
  )!;
  const broadcast = await call('POST', '/api/broadcasts', {
    name: 'Early reads',
    channelAccountId: wecom,
    method: 'wecom_agent',
    messages: [{ type: 'text', text: 'Doors open at six' }],
    audience: { kind: 'tags', mode: 'all', tagIds: [tag.id], excludeTagIds: [] },
    sendType: 'immediate',
  });
  const detail = async () => call('GET', `/api/broadcasts/${broadcast.id as string}`);
  await expect.poll(async () => (await detail()).runId ?? null, { timeout: 30_000 }).not.toBeNull();
  await env.client.workflow.getHandle(`run/${(await detail()).runId as string}`).result();

  // Herald answered each receipt before it knew the message: held, not applied…
  const answers = sandbox.receipts.answers.map((a) => JSON.parse(a) as Record<string, number>);
  expect(answers.reduce((sum, a) => sum + (a.held ?? 0), 0)).toBe(6);
  expect(answers.reduce((sum, a) => sum + (a.applied ?? 0), 0)).toBe(0);
  // …and the settlement that recorded the ids applied them: each message read, counted once.
  expect((await detail()).stats).toMatchObject({ total: 3, sent: 3, delivered: 3, failed: 0, readRate: 1 });
  const ledger = (
    await h.app.inject({
      method: 'GET',
      url: `/api/broadcasts/${broadcast.id as string}/export.csv`,
      headers: bearer(h.key),
    })
  ).body
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[4]);
  expect(ledger).toEqual(['read', 'read', 'read']);
});

it("an employee's answer to a request resent and dropped by WeCom as a duplicate matches by reference", async () => {
  const corpId = 'corp-resent';
  const wecom = (
    await call('POST', '/api/channel-accounts', {
      kind: 'wecom',
      name: 'WeCom resent',
      baseUrl: sandbox.url,
      settings: { corpId, agentId: 1000002 },
      credentials: { secret: 's', callbackToken: 'resent-token' },
    })
  ).id as string;
  await control('/_sandbox/wecom/callback', { corpId, url: `${base}/webhooks/wecom/${wecom}`, token: 'resent-token' });
  // The employee sends the request on at once; the app tells Herald (under the first request's message id).
  await control('/_sandbox/wecom/behaviour', { corpId, userid: 'resent-owner', action: 'send', delayMs: 0 });
  await call('POST', '/api/employees', { wecomUserId: 'resent-owner', name: 'Resent Owner' });
  await call('POST', '/api/contacts/import', {
    contacts: [1, 2].map((i) => ({
      externalId: `resent-${i}`,
      name: `Resent ${i}`,
      identities: [{ kind: 'wecom_external_userid', value: `wm-resent-${i}` }],
      tags: [`Resent ${i}`],
      owners: ['resent-owner'],
    })),
  });
  const tags = (await call('GET', '/api/tags')).items as Array<{ id: string; name: string }>;
  const send = async (i: number) => {
    const broadcast = await call('POST', '/api/broadcasts', {
      name: `Resent ${i}`,
      channelAccountId: wecom,
      method: 'wecom_agent',
      messages: [{ type: 'text', text: 'Your table is ready' }],
      audience: {
        kind: 'tags',
        mode: 'all',
        tagIds: [tags.find((t) => t.name === `Resent ${i}`)!.id],
        excludeTagIds: [],
      },
      sendType: 'immediate',
    });
    const detail = async () => call('GET', `/api/broadcasts/${broadcast.id as string}`);
    await expect.poll(async () => (await detail()).runId ?? null, { timeout: 30_000 }).not.toBeNull();
    await env.client.workflow.getHandle(`run/${(await detail()).runId as string}`).result();
    return detail;
  };
  // The first contact's send takes the worker's token; then the second's first request is lost on its way
  // back, as a worker killed before settling loses it: WeCom has it (the employee acts on it), Herald does not.
  await expect.poll(async () => (await (await send(1))()).stats.delivered, { timeout: 30_000 }).toBe(1);
  sandbox.faults.set('wecom', { timeoutShare: 1, timeoutHoldMs: 20 });
  const suppressed = sandbox.store.duplicatesSuppressed;
  const before = sandbox.store.onAdd;
  sandbox.store.onAdd = (m) => {
    before?.(m);
    if (m.account === corpId && m.method === 'app') sandbox.faults.clear();
  };
  try {
    const detail = await send(2);
    // Herald sent the request again; WeCom's duplicate check dropped it (a new message id), and the employee's
    // answer names the first one: Herald matches it by its reference, once.
    expect(sandbox.store.query({ account: corpId, method: 'app' })).toHaveLength(2);
    expect(sandbox.store.duplicatesSuppressed).toBeGreaterThan(suppressed);
    await expect
      .poll(async () => (await detail()).stats, { timeout: 30_000 })
      .toMatchObject({
        total: 1,
        sent: 1,
        delivered: 1,
        failed: 0,
      });
  } finally {
    sandbox.store.onAdd = before;
    sandbox.faults.clear();
  }
  expect(
    sandbox.store
      .query({ method: 'agent', account: corpId })
      .map((m) => m.recipient)
      .sort(),
  ).toEqual(['wm-resent-1', 'wm-resent-2']);
});
