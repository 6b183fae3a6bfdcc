import { describe, expect, it } from 'vitest';
import type { SendRequest } from './channel.types';
import { people, text, useChannelSandbox, wecomAccount } from './sandbox.fixture';

const ctx = useChannelSandbox();

describe('WeCom adapter', () => {
  it('creates one group-message task per owning employee; a second one the same day shows status 3', async () => {
    const recipients = people(6, 'wm');
    const first = await ctx.clients.send({
      method: 'wecom_group_msg',
      account: wecomAccount(ctx),
      recipients,
      messages: text('Offer'),
      groupName: 'Nov',
      dedupKey: 'g1',
    });
    expect(new Set(first.map((r) => (r.ok ? r.providerMessageId : '')))).toHaveProperty('size', 3);
    await fetch(`${ctx.sandbox.url}/_sandbox/wecom/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(ctx.sandbox.store.query({ method: 'group_msg' })).toHaveLength(6);
    const second = await ctx.clients.send({
      method: 'wecom_group_msg',
      account: wecomAccount(ctx),
      recipients,
      messages: text('Again'),
      groupName: 'Nov 2',
      dedupKey: 'g2',
    });
    await fetch(`${ctx.sandbox.url}/_sandbox/wecom/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const msgid = second[0]!.ok ? second[0]!.providerMessageId : '';
    const statuses = await ctx.clients.wecomAdapter.groupMessageResult(wecomAccount(ctx), msgid, 'emp0');
    expect(statuses.every((s) => s.status === 3)).toBe(true);
    expect(ctx.sandbox.store.query({ method: 'group_msg' })).toHaveLength(6);
  });

  it("splits an employee's 12,000 targets into tasks of 10,000 and reads every page of their results", async () => {
    const recipients = people(12_000, 'big').map((r) => ({ ...r, ownerEmployee: 'emp-big' }));
    const sent = await ctx.clients.send({
      method: 'wecom_group_msg',
      account: wecomAccount(ctx),
      recipients,
      messages: text('Big'),
      groupName: 'Big',
      dedupKey: 'big',
    });
    const msgids = [...new Set(sent.map((r) => (r.ok ? r.providerMessageId : '')))];
    expect(msgids).toHaveLength(2);
    await fetch(`${ctx.sandbox.url}/_sandbox/wecom/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const results = (
      await Promise.all(
        msgids.map((id) => ctx.clients.wecomAdapter.groupMessageResult(wecomAccount(ctx), id, 'emp-big')),
      )
    ).flat();
    expect(results).toHaveLength(12_000);
    expect(new Set(results.map((r) => r.target)).size).toBe(12_000);
    expect(results.every((r) => r.status === 1)).toBe(true);
  });

  it('sends agent messages with the duplicate check on: a retried call is not delivered twice', async () => {
    const request: SendRequest = {
      method: 'wecom_agent',
      account: wecomAccount(ctx),
      recipients: people(3, 'u'),
      messages: text('Your order shipped'),
      dedupKey: 'a1',
    };
    await ctx.clients.send(request);
    await ctx.clients.send(request);
    expect(ctx.sandbox.store.query({ method: 'agent' })).toHaveLength(3);
  });
});
