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
  base = await stack.callbackBase();
});
afterAll(async () => stack?.close());

const call: EngineStack['call'] = (method, url, body) => stack.call(method, url, body);
const control: EngineStack['control'] = (path, body) => stack.control(path, body);

/** The delivery statuses of a broadcast's rows, as its CSV export lists them. */
const ledger = async (broadcastId: string) =>
  (await h.app.inject({ method: 'GET', url: `/api/broadcasts/${broadcastId}/export.csv`, headers: bearer(h.key) })).body
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[4]);

/**
 * An immediate broadcast to the contacts tagged `tag`, created through the API and awaited until its run
 * ends. Returns its id and a reader of its detail.
 */
async function broadcastToTag(b: {
  name: string;
  channelAccountId: string;
  method: string;
  message: unknown;
  tag: string;
}) {
  const tags = (await call('GET', '/api/tags')).items as Array<{ id: string; name: string }>;
  const broadcast = await call('POST', '/api/broadcasts', {
    name: b.name,
    channelAccountId: b.channelAccountId,
    method: b.method,
    messages: [b.message],
    audience: { kind: 'tags', mode: 'all', tagIds: [tags.find((t) => t.name === b.tag)!.id], excludeTagIds: [] },
    sendType: 'immediate',
  });
  const id = broadcast.id as string;
  const detail = async () => call('GET', `/api/broadcasts/${id}`);
  await expect.poll(async () => (await detail()).runId ?? null, { timeout: 30_000 }).not.toBeNull();
  await env.client.workflow.getHandle(`run/${(await detail()).runId as string}`).result();
  return { id, detail };
}

/**
 * A WeCom account whose app tells Herald what its employees do (callback token `token`), with its
 * employee `owner` behaving as `behaviour` says at the sandbox, and `contacts` contacts
 * (`<prefix>-<i>`, WeCom ids `wm-<prefix>-<i>`) the employee owns, each tagged `tagOf(i)` — all
 * through the API and the sandbox's controls. Returns the account's id.
 */
async function wecomWithContacts(p: {
  corpId: string;
  name: string;
  token: string;
  owner: string;
  ownerName: string;
  behaviour: Record<string, unknown>;
  prefix: string;
  label: string;
  contacts: number;
  tagOf: (i: number) => string;
  credentials?: Record<string, string>;
}): Promise<string> {
  const wecom = await stack.wecomApp({ name: p.name, corpId: p.corpId, token: p.token, credentials: p.credentials });
  await control('/_sandbox/wecom/behaviour', { corpId: p.corpId, userid: p.owner, ...p.behaviour });
  await call('POST', '/api/employees', { wecomUserId: p.owner, name: p.ownerName });
  await call('POST', '/api/contacts/import', {
    contacts: Array.from({ length: p.contacts }, (_, k) => k + 1).map((i) => ({
      externalId: `${p.prefix}-${i}`,
      name: `${p.label} ${i}`,
      identities: [{ kind: 'wecom_external_userid', value: `wm-${p.prefix}-${i}` }],
      tags: [p.tagOf(i)],
      owners: [p.owner],
    })),
  });
  return wecom;
}

/**
 * An immediate agent-message broadcast of `text` to the contacts tagged `tag`, created through the API
 * and awaited until its run ends. Returns its id and a reader of its detail.
 */
const agentBroadcast = (wecom: string, name: string, tag: string, text: string) =>
  broadcastToTag({ name, channelAccountId: wecom, method: 'wecom_agent', message: { type: 'text', text }, tag });

it("an employee's answer that comes before Herald recorded the app message is applied once, when it is", async () => {
  // The employee sends each request on, and the app tells Herald, before Herald's send call is answered.
  const wecom = await wecomWithContacts({
    corpId: 'corp-early',
    name: 'WeCom early',
    token: 'early-token',
    owner: 'early-owner',
    ownerName: 'Early Owner',
    behaviour: { action: 'send', beforeAnswer: true },
    prefix: 'early',
    label: 'Early',
    contacts: 3,
    tagOf: () => 'Early',
  });
  const broadcast = await agentBroadcast(wecom, 'Early answers', 'Early', 'Your table is ready');
  const detail = broadcast.detail;

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
  const sortedLedger = async () => (await ledger(broadcast.id)).sort();
  expect(await sortedLedger()).toEqual(['delivered', 'delivered', 'delivered']);
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
  expect(await sortedLedger()).toEqual(['delivered', 'delivered', 'delivered']);
});

/**
 * An official account (app id `appId`) whose server is Herald's callback, told each job result of `kind`
 * before its send call is answered, and 3 fans (`o-<fans>-<i>`) tagged `tag`; then an immediate
 * broadcast `name` of `message` by `method` to them, awaited until its run ends — all through the API and the
 * sandbox's controls. Returns the broadcast's detail reader.
 */
async function wechatBroadcastResultsFirst(p: {
  appId: string;
  name: string;
  fans: string;
  kind: 'template-results' | 'mass-results';
  tag: string;
  method: 'wechat_template' | 'wechat_mass';
  message: Record<string, unknown>;
  /** How many fans (3 unless said). */
  fanCount?: number;
}) {
  const token = `${p.appId}-token`;
  const oa = await stack.account({
    kind: 'wechat_service',
    name: `OA ${p.fans}`,
    settings: { appId: p.appId },
    credentials: { callbackToken: token },
  });
  expect(
    await control('/_sandbox/wechat/server-config', { appid: p.appId, url: `${base}/webhooks/wechat/${oa}`, token }),
  ).toMatchObject({ ok: true });
  // WeChat posts each job's result to the account's server before the send call is answered.
  expect(await control(`/_sandbox/wechat/${p.kind}`, { appId: p.appId, timing: 'before_answer' })).toEqual({
    ok: true,
  });
  await call('POST', '/api/contacts/import', {
    contacts: Array.from({ length: p.fanCount ?? 3 }, (_, k) => k + 1).map((i) => ({
      externalId: `fan-${p.fans}-${i}`,
      name: `Fan ${i}`,
      identities: [{ kind: 'wechat_openid', value: `o-${p.fans}-${i}`, channelAccountId: oa }],
      tags: [p.tag],
    })),
  });
  const broadcast = await broadcastToTag({
    name: p.name,
    channelAccountId: oa,
    method: p.method,
    message: p.message,
    tag: p.tag,
  });
  return broadcast.detail;
}

it("a template message's job result that comes before Herald recorded it is applied once, when it is", async () => {
  const detail = await wechatBroadcastResultsFirst({
    appId: 'wx-early',
    name: 'Early results',
    fans: 'early',
    kind: 'template-results',
    tag: 'Early fans',
    method: 'wechat_template',
    message: {
      type: 'template',
      templateId: 'tpl-order-shipped',
      fields: ['first', 'keyword1', 'keyword2', 'remark'],
      data: { first: 'Shipped', keyword1: 'A-1', keyword2: 'SF', remark: 'Thanks' },
    },
  });
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

// A one-by-one method goes out 16 calls at a time, each slice settled on its own while the batch stays open:
// the results kept for a slice's ids are claimed by that slice's settlement, the last slice's by the one that
// closes the batch.
it("template messages' job results that come first are applied once over the slices of a page", async () => {
  const fans = 20;
  const detail = await wechatBroadcastResultsFirst({
    appId: 'wx-early-slices',
    name: 'Early results in slices',
    fans: 'early-slices',
    kind: 'template-results',
    tag: 'Early slice fans',
    method: 'wechat_template',
    fanCount: fans,
    message: {
      type: 'template',
      templateId: 'tpl-order-shipped',
      fields: ['first', 'keyword1', 'keyword2', 'remark'],
      data: { first: 'Shipped', keyword1: 'A-2', keyword2: 'SF', remark: 'Thanks' },
    },
  });
  expect((await detail()).stats).toMatchObject({ total: fans, sent: fans, delivered: fans, failed: 0 });
  const sent = sandbox.store.query({ method: 'template', account: 'wx-early-slices' }).map((m) => m.recipient);
  expect(sent.sort()).toEqual(Array.from({ length: fans }, (_, k) => `o-early-slices-${k + 1}`).sort());
});

it("a mass send's job result that comes before Herald recorded its id is applied when it is", async () => {
  const detail = await wechatBroadcastResultsFirst({
    appId: 'wx-early-mass',
    name: 'Early mass results',
    fans: 'early-mass',
    kind: 'mass-results',
    tag: 'Early mass fans',
    method: 'wechat_mass',
    message: { type: 'text', text: 'Our spring collection is in' },
  });
  // One mass job for the three fans; WeChat said it reached them all before it answered the send call:
  // Herald answered "success" at once, knowing no such job yet…
  const sent = sandbox.store.query({ method: 'mass', account: 'wx-early-mass' });
  expect(sent.map((m) => m.recipient).sort()).toEqual(['o-early-mass-1', 'o-early-mass-2', 'o-early-mass-3']);
  const job = sent[0]!.providerMessageId;
  expect(sandbox.jobResultAnswers.filter((a) => a.account === 'wx-early-mass')).toEqual([
    { account: 'wx-early-mass', msgid: job, status: 200, body: 'success' },
  ]);
  // …and the settlement that recorded the job's id applied the result: three sent, three delivered, once.
  expect((await detail()).stats).toMatchObject({ total: 3, sent: 3, delivered: 3, failed: 0 });
});

it('read receipts that come before Herald recorded their messages are applied once, when it is', async () => {
  // The employee sends each request on before Herald's send call is answered, and the contact reads it at
  // once: the provider posts the read receipt before it answers Herald too.
  const wecom = await wecomWithContacts({
    corpId: 'corp-early-r',
    name: 'WeCom early receipts',
    token: 'early-r-token',
    credentials: { receiptsSecret: 'early-r-receipts' },
    owner: 'early-r-owner',
    ownerName: 'Early Reader',
    behaviour: { action: 'send', beforeAnswer: true },
    prefix: 'early-r',
    label: 'Early reader',
    contacts: 3,
    tagOf: () => 'Early readers',
  });
  await control('/_sandbox/receipts', {
    account: 'corp-early-r',
    url: `${base}/webhooks/receipts/${wecom}`,
    secret: 'early-r-receipts',
    readShare: 1,
    beforeAnswer: true,
  });
  const broadcast = await agentBroadcast(wecom, 'Early reads', 'Early readers', 'Doors open at six');
  const detail = broadcast.detail;

  // Herald answered each receipt before it knew the message: held, not applied…
  const answers = sandbox.receipts.answers.map((a) => JSON.parse(a) as Record<string, number>);
  expect(answers.reduce((sum, a) => sum + (a.held ?? 0), 0)).toBe(6);
  expect(answers.reduce((sum, a) => sum + (a.applied ?? 0), 0)).toBe(0);
  // …and the settlement that recorded the ids applied them: each message read, counted once.
  expect((await detail()).stats).toMatchObject({ total: 3, sent: 3, delivered: 3, failed: 0, readRate: 1 });
  expect(await ledger(broadcast.id)).toEqual(['read', 'read', 'read']);
});

it("an employee's answer to a request resent and dropped by WeCom as a duplicate matches by reference", async () => {
  const corpId = 'corp-resent';
  // The employee sends the request on at once; the app tells Herald (under the first request's message id).
  const wecom = await wecomWithContacts({
    corpId,
    name: 'WeCom resent',
    token: 'resent-token',
    owner: 'resent-owner',
    ownerName: 'Resent Owner',
    behaviour: { action: 'send', delayMs: 0 },
    prefix: 'resent',
    label: 'Resent',
    contacts: 2,
    tagOf: (i) => `Resent ${i}`,
  });
  const send = async (i: number) =>
    (await agentBroadcast(wecom, `Resent ${i}`, `Resent ${i}`, 'Your table is ready')).detail;
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
