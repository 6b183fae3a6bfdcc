import { describe, expect, it } from 'vitest';
import { WechatAdapter } from './wechat.adapter';
import type { ChannelError } from './channel.errors';
import { people, request, useChannelSandbox, wechatAccount } from './sandbox.fixture';

const ctx = useChannelSandbox();

describe('WeChat official account adapter against the sandbox', () => {
  it('mass-sends 25,000 openids in 3 calls; a retried call with the same clientmsgid is delivered once', async () => {
    const mass = request(ctx, { recipients: people(25_000) });
    const results = await ctx.clients.send(mass);
    expect(results.filter((r) => r.ok)).toHaveLength(25_000);
    expect(new Set(results.map((r) => (r.ok ? r.providerMessageId : '')))).toHaveProperty('size', 3);
    await ctx.clients.send(mass);
    expect(ctx.sandbox.store.query({ channel: 'wechat', method: 'mass' })).toHaveLength(25_000);
  });

  it('keeps calls apart whose dedup keys differ only past 64 characters (the clientmsgid limit)', async () => {
    const prefix = `${'r'.repeat(36)}:send-node-with-a-long-editor-id:0:`;
    await ctx.clients.send(request(ctx, { recipients: people(2, 'longA'), dedupKey: `${prefix}1000001` }));
    await ctx.clients.send(request(ctx, { recipients: people(2, 'longB'), dedupKey: `${prefix}1000002` }));
    expect(
      ctx.sandbox.store
        .query({ channel: 'wechat', method: 'mass' })
        .map((m) => m.recipient)
        .sort(),
    ).toEqual(['longA0', 'longA1', 'longB0', 'longB1']);
  });

  it('does not deliver a fifth mass message in a month to the same fan', async () => {
    for (let i = 0; i < 5; i++) await ctx.clients.send(request(ctx, { recipients: people(1, 'fifth') }));
    expect(ctx.sandbox.store.query({ channel: 'wechat', recipient: 'fifth0' })).toHaveLength(4);
  });

  it('refreshes an expired token and goes on', async () => {
    ctx.sandbox.tokens.ttlSeconds = 1;
    await ctx.clients.send(request(ctx, { recipients: people(2, 'tok') }));
    await new Promise((r) => setTimeout(r, 1100));
    await ctx.clients.send(request(ctx, { recipients: people(2, 'tok') }));
    expect(ctx.sandbox.store.query({ channel: 'wechat' })).toHaveLength(4);
    expect(ctx.clients.tokens.fetches).toBe(2);
    ctx.sandbox.tokens.ttlSeconds = 7200;
  });

  it('turns a customer-service message outside the 48 h window into a non-retryable WINDOW_CLOSED', async () => {
    await fetch(`${ctx.sandbox.url}/_sandbox/wechat/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'wx-app', openid: 'o1', at: Date.now() - 49 * 3600_000 }),
    });
    await fetch(`${ctx.sandbox.url}/_sandbox/wechat/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'wx-app', openid: 'o0', at: Date.now() }),
    });
    const [inside, outside] = await ctx.clients.send(request(ctx, { method: 'wechat_customer_service' }));
    expect(inside).toMatchObject({ ok: true });
    expect(outside).toMatchObject({ ok: false, error: { code: 'HERALD_ERR_CHANNEL_WINDOW_CLOSED', retryable: false } });
  });

  it("lists the account's templates with their fields; the platform refuses a template it does not have", async () => {
    const templates = await new WechatAdapter(ctx.clients.tokens).listTemplates(wechatAccount(ctx));
    expect(templates.find((t) => t.templateId === 'tpl-order-shipped')).toMatchObject({
      title: 'Order shipped',
      fields: ['first', 'keyword1', 'keyword2', 'remark'],
    });
    const [refused] = await ctx.clients.send(
      request(ctx, {
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
    const [result] = await ctx.clients.send(
      request(ctx, {
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
    expect(ctx.sandbox.store.query({ method: 'template' })[0]?.content).toContain('first=Hi Fan 0');
  });
});

describe('provider failures become the right kind of error', () => {
  const attempt = async (): Promise<ChannelError> => {
    try {
      await ctx.clients.send(request(ctx, {}));
    } catch (error) {
      return error as ChannelError;
    }
    throw new Error('expected a failure');
  };

  it('5xx → retryable UNAVAILABLE', async () => {
    ctx.sandbox.faults.set('wechat', { failShare: 1 });
    expect(await attempt()).toMatchObject({ code: 'HERALD_ERR_CHANNEL_UNAVAILABLE', retryable: true });
  });

  it('429 with Retry-After: 2 → retryable RATE_LIMITED after 2,000 ms', async () => {
    ctx.sandbox.faults.set('wechat', { throttleSeconds: 2 });
    expect(await attempt()).toMatchObject({
      code: 'HERALD_ERR_CHANNEL_RATE_LIMITED',
      retryable: true,
      retryAfterMs: 2000,
    });
  });

  it('a dropped connection → retryable', async () => {
    ctx.sandbox.faults.set('wechat', { dropShare: 1 });
    expect(await attempt()).toMatchObject({ code: 'HERALD_ERR_CHANNEL_UNAVAILABLE', retryable: true });
  });

  it('a slow provider → retryable TIMEOUT within the timeout', async () => {
    const { callJson } = await import('./http');
    ctx.sandbox.faults.set('chat', { latencyMs: 1500 });
    const started = Date.now();
    await expect(
      callJson(`${ctx.sandbox.url}/chat/v1/broadcast`, { numbers: ['1'], text: 'x' }, { timeoutMs: 300 }),
    ).rejects.toMatchObject({ code: 'HERALD_ERR_CHANNEL_TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeLessThan(1400);
  });
});
