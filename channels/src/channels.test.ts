import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { ChannelClients } from './channel-clients';
import { WechatAdapter } from './wechat.adapter';
import type { ChannelError } from './channel.errors';
import { signWebhook } from './webhook.adapter';
import type { AccountConfig, SendRequest } from './channel.types';

let sandbox: Sandbox;
let clients: ChannelClients;
const text = (t: string) => [{ type: 'text' as const, text: t }];
const wechat = (): AccountConfig => ({
  id: 'acc-wx',
  kind: 'wechat_service',
  baseUrl: sandbox.url,
  settings: { appId: 'wx-app' },
  credentials: { secret: 's' },
});
const wecom = (): AccountConfig => ({
  id: 'acc-wc',
  kind: 'wecom',
  baseUrl: sandbox.url,
  settings: { corpId: 'corp', agentId: 1000002 },
  credentials: { secret: 's' },
});
const people = (n: number, prefix = 'o') =>
  Array.from({ length: n }, (_, i) => ({
    key: String(i),
    address: `${prefix}${i}`,
    ownerEmployee: `emp${i % 3}`,
    name: `Fan ${i}`,
  }));
const req = (patch: Partial<SendRequest>): SendRequest => ({
  method: 'wechat_mass',
  account: wechat(),
  recipients: people(2),
  messages: text('hello'),
  dedupKey: `k-${Math.random()}`,
  ...patch,
});

beforeAll(async () => {
  sandbox = await startSandbox({ confirmDelayMs: -1, smtpPort: 0 });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(() => {
  clients.close();
});
beforeEach(() => {
  clients = new ChannelClients();
  sandbox.faults.clear();
  sandbox.store.clear();
});

describe('WeChat official account adapter against the sandbox', () => {
  it('mass-sends 25,000 openids in 3 calls; a retried call with the same clientmsgid is delivered once', async () => {
    const request = req({ recipients: people(25_000) });
    const results = await clients.send(request);
    expect(results.filter((r) => r.ok)).toHaveLength(25_000);
    expect(new Set(results.map((r) => (r.ok ? r.providerMessageId : '')))).toHaveProperty('size', 3);
    await clients.send(request);
    expect(sandbox.store.query({ channel: 'wechat', method: 'mass' })).toHaveLength(25_000);
  });

  it('keeps calls apart whose dedup keys differ only past 64 characters (the clientmsgid limit)', async () => {
    const prefix = `${'r'.repeat(36)}:send-node-with-a-long-editor-id:0:`;
    await clients.send(req({ recipients: people(2, 'longA'), dedupKey: `${prefix}1000001` }));
    await clients.send(req({ recipients: people(2, 'longB'), dedupKey: `${prefix}1000002` }));
    expect(
      sandbox.store
        .query({ channel: 'wechat', method: 'mass' })
        .map((m) => m.recipient)
        .sort(),
    ).toEqual(['longA0', 'longA1', 'longB0', 'longB1']);
  });

  it('does not deliver a fifth mass message in a month to the same fan', async () => {
    for (let i = 0; i < 5; i++) await clients.send(req({ recipients: people(1, 'fifth') }));
    expect(sandbox.store.query({ channel: 'wechat', recipient: 'fifth0' })).toHaveLength(4);
  });

  it('refreshes an expired token and goes on', async () => {
    sandbox.tokens.ttlSeconds = 1;
    await clients.send(req({ recipients: people(2, 'tok') }));
    await new Promise((r) => setTimeout(r, 1100));
    await clients.send(req({ recipients: people(2, 'tok') }));
    expect(sandbox.store.query({ channel: 'wechat' })).toHaveLength(4);
    expect(clients.tokens.fetches).toBe(2);
    sandbox.tokens.ttlSeconds = 7200;
  });

  it('turns a customer-service message outside the 48 h window into a non-retryable WINDOW_CLOSED', async () => {
    await fetch(`${sandbox.url}/_sandbox/wechat/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'wx-app', openid: 'o1', at: Date.now() - 49 * 3600_000 }),
    });
    await fetch(`${sandbox.url}/_sandbox/wechat/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'wx-app', openid: 'o0', at: Date.now() }),
    });
    const [inside, outside] = await clients.send(req({ method: 'wechat_customer_service' }));
    expect(inside).toMatchObject({ ok: true });
    expect(outside).toMatchObject({ ok: false, error: { code: 'HERALD_ERR_CHANNEL_WINDOW_CLOSED', retryable: false } });
  });

  it("lists the account's templates with their fields; the platform refuses a template it does not have", async () => {
    const templates = await new WechatAdapter(clients.tokens).listTemplates(wechat());
    expect(templates.find((t) => t.templateId === 'tpl-order-shipped')).toMatchObject({
      title: 'Order shipped',
      fields: ['first', 'keyword1', 'keyword2', 'remark'],
    });
    const [refused] = await clients.send(
      req({
        method: 'wechat_template',
        recipients: people(1),
        messages: [{ type: 'template', templateId: 'tpl-none', fields: [], data: {} }],
      }),
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'HERALD_ERR_CHANNEL_CONTENT_REJECTED', providerCode: '40037' },
    });
  });

  it('sends a template message with its fields', async () => {
    const [result] = await clients.send(
      req({
        method: 'wechat_template',
        recipients: people(1),
        messages: [
          {
            type: 'template',
            templateId: 'tpl-order-shipped',
            fields: ['first'],
            data: { first: 'Hi {{contact.name}}' },
          },
        ],
      }),
    );
    expect(result).toMatchObject({ ok: true });
    expect(sandbox.store.query({ method: 'template' })[0]?.content).toContain('first=Hi Fan 0');
  });
});

describe('provider failures become the right kind of error', () => {
  const attempt = async (): Promise<ChannelError> => {
    try {
      await clients.send(req({}));
    } catch (error) {
      return error as ChannelError;
    }
    throw new Error('expected a failure');
  };

  it('5xx → retryable UNAVAILABLE', async () => {
    sandbox.faults.set('wechat', { failShare: 1 });
    expect(await attempt()).toMatchObject({ code: 'HERALD_ERR_CHANNEL_UNAVAILABLE', retryable: true });
  });

  it('429 with Retry-After: 2 → retryable RATE_LIMITED after 2,000 ms', async () => {
    sandbox.faults.set('wechat', { throttleSeconds: 2 });
    expect(await attempt()).toMatchObject({
      code: 'HERALD_ERR_CHANNEL_RATE_LIMITED',
      retryable: true,
      retryAfterMs: 2000,
    });
  });

  it('a dropped connection → retryable', async () => {
    sandbox.faults.set('wechat', { dropShare: 1 });
    expect(await attempt()).toMatchObject({ code: 'HERALD_ERR_CHANNEL_UNAVAILABLE', retryable: true });
  });

  it('a slow provider → retryable TIMEOUT within the timeout', async () => {
    const { callJson } = await import('./http');
    sandbox.faults.set('chat', { latencyMs: 1500 });
    const started = Date.now();
    await expect(
      callJson(`${sandbox.url}/chat/v1/broadcast`, { numbers: ['1'], text: 'x' }, { timeoutMs: 300 }),
    ).rejects.toMatchObject({ code: 'HERALD_ERR_CHANNEL_TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeLessThan(1400);
  });
});

describe('WeCom adapter', () => {
  it('creates one group-message task per owning employee; a second one the same day shows status 3', async () => {
    const recipients = people(6, 'wm');
    const first = await clients.send({
      method: 'wecom_group_msg',
      account: wecom(),
      recipients,
      messages: text('Offer'),
      groupName: 'Nov',
      dedupKey: 'g1',
    });
    expect(new Set(first.map((r) => (r.ok ? r.providerMessageId : '')))).toHaveProperty('size', 3);
    await fetch(`${sandbox.url}/_sandbox/wecom/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(sandbox.store.query({ method: 'group_msg' })).toHaveLength(6);
    const second = await clients.send({
      method: 'wecom_group_msg',
      account: wecom(),
      recipients,
      messages: text('Again'),
      groupName: 'Nov 2',
      dedupKey: 'g2',
    });
    await fetch(`${sandbox.url}/_sandbox/wecom/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const msgid = second[0]!.ok ? second[0]!.providerMessageId : '';
    const statuses = await clients.wecomAdapter.groupMessageResult(wecom(), msgid, 'emp0');
    expect(statuses.every((s) => s.status === 3)).toBe(true);
    expect(sandbox.store.query({ method: 'group_msg' })).toHaveLength(6);
  });

  it("splits an employee's 12,000 targets into tasks of 10,000 and reads every page of their results", async () => {
    const recipients = people(12_000, 'big').map((r) => ({ ...r, ownerEmployee: 'emp-big' }));
    const sent = await clients.send({
      method: 'wecom_group_msg',
      account: wecom(),
      recipients,
      messages: text('Big'),
      groupName: 'Big',
      dedupKey: 'big',
    });
    const msgids = [...new Set(sent.map((r) => (r.ok ? r.providerMessageId : '')))];
    expect(msgids).toHaveLength(2);
    await fetch(`${sandbox.url}/_sandbox/wecom/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const results = (
      await Promise.all(msgids.map((id) => clients.wecomAdapter.groupMessageResult(wecom(), id, 'emp-big')))
    ).flat();
    expect(results).toHaveLength(12_000);
    expect(new Set(results.map((r) => r.target)).size).toBe(12_000);
    expect(results.every((r) => r.status === 1)).toBe(true);
  });

  it('sends agent messages with the duplicate check on: a retried call is not delivered twice', async () => {
    const request: SendRequest = {
      method: 'wecom_agent',
      account: wecom(),
      recipients: people(3, 'u'),
      messages: text('Your order shipped'),
      dedupKey: 'a1',
    };
    await clients.send(request);
    await clients.send(request);
    expect(sandbox.store.query({ method: 'agent' })).toHaveLength(3);
  });
});

describe('chat, email and webhook adapters', () => {
  it('broadcasts text to chat numbers and refuses anything else', async () => {
    const account: AccountConfig = {
      id: 'acc-chat',
      kind: 'chat_platform',
      baseUrl: sandbox.url,
      settings: {},
      credentials: { token: 'chat-token' },
    };
    const results = await clients.send({
      method: 'chat_broadcast',
      account,
      recipients: people(3, '+100'),
      messages: text('Hi'),
      dedupKey: 'c1',
    });
    expect(results.every((r) => r.ok)).toBe(true);
    // A retried call (same dedup key) reaches no number twice and answers the same message ids.
    const again = await clients.send({
      method: 'chat_broadcast',
      account,
      recipients: people(3, '+100'),
      messages: text('Hi'),
      dedupKey: 'c1',
    });
    expect(again).toEqual(results);
    expect(sandbox.store.query({ channel: 'chat' })).toHaveLength(3);
    await expect(
      clients.send({
        method: 'chat_broadcast',
        account,
        recipients: people(1),
        messages: [{ type: 'image', attachment: { materialId: 'm', filename: 'a.png' } }],
        dedupKey: 'c2',
      }),
    ).rejects.toMatchObject({ code: 'HERALD_ERR_CHANNEL_CONTENT_REJECTED' });
  });

  it('delivers email over SMTP', async () => {
    const account: AccountConfig = {
      id: 'acc-mail',
      kind: 'email',
      baseUrl: `smtp://127.0.0.1:${sandbox.smtpPort}`,
      settings: { from: 'news@herald.test' },
      credentials: {},
    };
    const [result] = await clients.send({
      method: 'email',
      account,
      recipients: [{ key: '1', address: 'li@example.com', name: 'Li' }],
      messages: text('Hello {{contact.name}}'),
      subject: 'Welcome',
      dedupKey: 'e1',
    });
    expect(result).toMatchObject({ ok: true });
    expect(sandbox.store.query({ channel: 'email' })[0]).toMatchObject({
      recipient: 'li@example.com',
      content: expect.stringContaining('Welcome'),
    });
  });

  it('signs webhook posts so the receiver can verify them', async () => {
    const account: AccountConfig = {
      id: 'acc-hook',
      kind: 'webhook',
      baseUrl: sandbox.url,
      settings: { url: `${sandbox.url}/hooks/crm` },
      credentials: { secret: 'shh' },
    };
    await clients.send({
      method: 'webhook_post',
      account,
      recipients: [{ key: '1', address: 'contact-1' }],
      messages: text('x'),
      dedupKey: 'w1',
    });
    const stored = JSON.parse(sandbox.store.query({ channel: 'webhook' })[0]!.content) as {
      headers: { signature: string; timestamp: string };
      body: unknown;
    };
    expect(stored.headers.signature).toBe(signWebhook('shh', stored.headers.timestamp, JSON.stringify(stored.body)));
    expect(stored.headers.signature).toBe(
      createHmac('sha256', 'shh')
        .update(`${stored.headers.timestamp}.${JSON.stringify(stored.body)}`)
        .digest('hex'),
    );
  });
});
