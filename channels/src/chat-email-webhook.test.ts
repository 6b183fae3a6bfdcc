import { describe, expect, it } from 'vitest';
import { emptyTemplateContact } from '@herald/engine';
import { createHmac } from 'node:crypto';
import { signWebhook } from './webhook.adapter';
import type { AccountConfig } from './channel.types';
import { people, text, useChannelSandbox } from './sandbox.fixture';

const ctx = useChannelSandbox();

describe('chat, email and webhook adapters', () => {
  it('broadcasts text to chat numbers and refuses anything else', async () => {
    const account: AccountConfig = {
      id: 'acc-chat',
      kind: 'chat_platform',
      baseUrl: ctx.sandbox.url,
      settings: {},
      credentials: { token: 'chat-token' },
    };
    const results = await ctx.clients.send({
      method: 'chat_broadcast',
      account,
      recipients: people(3, '+100'),
      messages: text('Hi'),
      dedupKey: 'c1',
    });
    expect(results.every((r) => r.ok)).toBe(true);
    // A retried call (same dedup key) reaches no number twice and answers the same message ids.
    const again = await ctx.clients.send({
      method: 'chat_broadcast',
      account,
      recipients: people(3, '+100'),
      messages: text('Hi'),
      dedupKey: 'c1',
    });
    expect(again).toEqual(results);
    expect(ctx.sandbox.store.query({ channel: 'chat' })).toHaveLength(3);
    await expect(
      ctx.clients.send({
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
      baseUrl: `smtp://127.0.0.1:${ctx.sandbox.smtpPort}`,
      settings: { from: 'news@herald.test' },
      credentials: {},
    };
    const [result] = await ctx.clients.send({
      method: 'email',
      account,
      recipients: [{ key: '1', address: 'li@example.com', contact: { ...emptyTemplateContact, name: 'Li' } }],
      messages: text('Hello {{contact.name}}'),
      subject: 'Welcome',
      dedupKey: 'e1',
    });
    expect(result).toMatchObject({ ok: true });
    expect(ctx.sandbox.store.query({ channel: 'email' })[0]).toMatchObject({
      recipient: 'li@example.com',
      content: expect.stringContaining('Welcome'),
    });
  });

  it('signs webhook posts so the receiver can verify them', async () => {
    const account: AccountConfig = {
      id: 'acc-hook',
      kind: 'webhook',
      baseUrl: ctx.sandbox.url,
      settings: { url: `${ctx.sandbox.url}/hooks/crm` },
      credentials: { secret: 'shh' },
    };
    await ctx.clients.send({
      method: 'webhook_post',
      account,
      recipients: [{ key: '1', address: 'contact-1' }],
      messages: text('x'),
      dedupKey: 'w1',
    });
    const stored = JSON.parse(ctx.sandbox.store.query({ channel: 'webhook' })[0]!.content) as {
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
