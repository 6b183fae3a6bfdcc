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
    const recipients = people(12_000, 'big').map((r) => ({ ...r, owners: ['emp-big'] }));
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

  it("puts a shared contact in each owner's task; the first to confirm delivers, the other gets status 3", async () => {
    const [shared] = people(1, 'wm-shared').map((r) => ({ ...r, owners: ['emp-a', 'emp-b'] }));
    const sent = await ctx.clients.send({
      method: 'wecom_group_msg',
      account: wecomAccount(ctx),
      recipients: [shared!],
      messages: text('Shared'),
      groupName: 'Shared',
      dedupKey: 'shared',
    });
    const tasks = sent[0]!.tasks!;
    expect(tasks.map((t) => t.owner)).toEqual(['emp-a', 'emp-b']);
    expect(new Set(tasks.map((t) => t.messageId)).size).toBe(2);
    const confirm = (msgid: string) =>
      fetch(`${ctx.sandbox.url}/_sandbox/wecom/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgid }),
      });
    await confirm(tasks[1]!.messageId!);
    await confirm(tasks[0]!.messageId!);
    const result = (t: (typeof tasks)[number]) =>
      ctx.clients.wecomAdapter.groupMessageResult(wecomAccount(ctx), t.messageId!, t.owner);
    expect(await result(tasks[1]!)).toEqual([{ target: 'wm-shared0', status: 1 }]);
    expect(await result(tasks[0]!)).toEqual([{ target: 'wm-shared0', status: 3 }]);
    expect(ctx.sandbox.store.query({ method: 'group_msg' })).toHaveLength(1);
  });

  it('sends an agent message to the owning employee, naming the contact, with the duplicate check on', async () => {
    const request: SendRequest = {
      method: 'wecom_agent',
      account: wecomAccount(ctx),
      recipients: people(3, 'u'),
      messages: text('Your order shipped'),
      dedupKey: 'a1',
    };
    const results = await ctx.clients.send(request);
    await ctx.clients.send(request);
    const notices = ctx.sandbox.store.query({ method: 'app' });
    expect(notices.map((m) => [m.recipient, m.content])).toEqual([
      ['emp0', 'For Fan 0 (u0) [0]:\nYour order shipped'],
      ['emp1', 'For Fan 1 (u1) [1]:\nYour order shipped'],
      ['emp2', 'For Fan 2 (u2) [2]:\nYour order shipped'],
    ]);
    expect(results.map((r) => r.tasks)).toEqual(
      notices.map((m) => [{ owner: m.recipient, messageId: m.providerMessageId }]),
    );
    // Nothing reaches the contacts until their employee sends it.
    expect(ctx.sandbox.store.query({ method: 'agent' })).toHaveLength(0);
  });

  it("asks employees for many contacts at once, each contact once; a request's card stays just before it", async () => {
    const recipients = people(30, 'p');
    const sent = await ctx.clients.send({
      method: 'wecom_agent',
      account: wecomAccount(ctx),
      recipients,
      messages: text('Welcome'),
      dedupKey: 'a3',
    });
    expect(sent.every((r) => r.ok)).toBe(true);
    const asked = ctx.sandbox.store.query({ method: 'app' }).map((m) => `${m.recipient} ${m.content.split(':')[0]}`);
    expect(asked.sort()).toEqual(
      recipients.map((r) => `${r.owners[0]} For Fan ${r.key} (p${r.key}) [${r.key}]`).sort(),
    );
    // Several messages a request (a card, a text, then the request line): one employee's requests never interleave.
    await ctx.clients.send({
      method: 'wecom_agent',
      account: wecomAccount(ctx),
      recipients: people(12, 'q'),
      messages: [
        { type: 'news', title: 'New season', description: 'Open', url: 'https://example.com/s', picUrl: '' },
        ...text('Have a look'),
      ],
      dedupKey: 'a4',
    });
    for (const employee of ['emp0', 'emp1', 'emp2']) {
      const seen = ctx.sandbox.store
        .query({ method: 'app', recipient: employee })
        .filter((m) => !m.content.includes('(p'))
        .map((m) => (m.content.startsWith('For ') ? 'request' : m.content.startsWith('[news]') ? 'card' : 'text'));
      expect(seen).toEqual(Array.from({ length: 4 }, () => ['card', 'text', 'request']).flat());
    }
  });

  it('refuses an agent message to a contact no employee owns, without calling WeCom', async () => {
    const [result] = await ctx.clients.send({
      method: 'wecom_agent',
      account: wecomAccount(ctx),
      recipients: [{ key: '1', address: 'u-orphan', owners: [] }],
      messages: text('Hello'),
      dedupKey: 'a2',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'HERALD_ERR_CHANNEL_INVALID_RECIPIENT' } });
    expect(result!.tasks).toBeUndefined();
    expect(ctx.sandbox.store.query({ channel: 'wecom' })).toHaveLength(0);
  });
});
