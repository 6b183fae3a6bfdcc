import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { NativeConnection } from '@temporalio/worker';
import { sql } from '@herald/db';
import { createActivities } from '@herald/activities';
import { ChannelClients } from '@herald/channels';
import { drainOnce } from '@herald/api';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { devServer, devServerNativeConnection, runWorker, uniqueTaskQueue } from '../temporal/env';
import { wechatXml } from '../fixtures/wechat-xml';
import { bearer, createApiHarness, type ApiHarness } from '../api/api-harness';
import ExcelJS from 'exceljs';
import { testSecretKey } from '../fixtures/seed';
import { sandboxMailer, startEngineStack, type EngineStack } from './engine-stack';
import { wechatSignature } from '../../../api/src/routes/wechat-webhook.routes';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ confirmDelayMs: 0, smtpPort: -1 });
});
afterAll(async () => {
  await sandbox?.close();
});

async function setupAccounts(h: ApiHarness) {
  const post = (url: string, body: unknown) =>
    h.app.inject({ method: 'POST', url, headers: bearer(h.key), payload: body as object });
  const wechat = (
    await post('/api/channel-accounts', {
      kind: 'wechat_service',
      name: 'Acme OA',
      baseUrl: sandbox.url,
      settings: { appId: 'wx-e2e' },
      credentials: { secret: 's', callbackToken: 'cb-token' },
    })
  ).json();
  const wecom = (
    await post('/api/channel-accounts', {
      kind: 'wecom',
      name: 'Acme WeCom',
      baseUrl: sandbox.url,
      settings: { corpId: 'corp-e2e', agentId: 1000002 },
      credentials: { secret: 's', receiptsSecret: 'receipts-secret', callbackToken: 'wecom-cb' },
    })
  ).json();
  // Agent messages go through the employee who owns each contact.
  await post('/api/employees', { wecomUserId: 'e2e-owner', name: 'E2E Owner' });
  return { wechat: wechat.id as string, wecom: wecom.id as string, post };
}

describe('end to end on the dev server: a follow webhook starts a journey whose message reaches the sandbox', () => {
  let h: ApiHarness;
  let connection: NativeConnection;
  const taskQueue = uniqueTaskQueue('e2e');
  beforeAll(async () => {
    const server = await devServer();
    h = await createApiHarness({ client: server.client, taskQueue });
    connection = await devServerNativeConnection();
  });
  afterAll(async () => {
    await connection?.close();
    await h?.close();
  });

  it('sends one welcome, even when the webhook is delivered ten times', async () => {
    const { wechat, wecom, post } = await setupAccounts(h);
    await post('/api/contacts/import', {
      contacts: [
        {
          externalId: 'fan-1',
          name: 'Mei',
          identities: [
            { kind: 'wechat_openid', value: 'openid-mei', channelAccountId: wechat },
            { kind: 'wecom_external_userid', value: 'wm-mei' },
          ],
          owners: ['e2e-owner'],
        },
      ],
    });
    const graph = {
      nodes: [
        { id: 'follow', kind: 'follow', position: { x: 0, y: 0 }, data: { channelAccountId: wechat } },
        {
          id: 'welcome',
          kind: 'send',
          position: { x: 0, y: 150 },
          data: {
            channelAccountId: wecom,
            channel: 'wecom',
            method: 'wecom_agent',
            type: 'contacts',
            messages: [{ type: 'text', text: 'Welcome {{contact.name}}!' }],
          },
        },
      ],
      edges: [{ id: 'e1', source: 'follow', target: 'welcome' }],
      settings: { reentry: { mode: 'never' } },
    };
    const journey = (await post('/api/journeys', { name: 'Welcome', graph })).json();
    expect((await post(`/api/journeys/${journey.id}/publish`, {})).json()).toMatchObject({
      version: 1,
      mode: 'realtime',
    });

    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = 'n1';
    const xml = wechatXml({
      ToUserName: 'gh_acme',
      FromUserName: 'openid-mei',
      CreateTime: timestamp,
      MsgType: 'event',
      Event: 'subscribe',
    });
    for (let i = 0; i < 10; i++) {
      const res = await h.app.inject({
        method: 'POST',
        url:
          `/webhooks/wechat/${wechat}?signature=${wechatSignature('cb-token', timestamp, nonce)}` +
          `&timestamp=${timestamp}&nonce=${nonce}`,
        headers: { 'content-type': 'text/xml' },
        payload: xml,
      });
      expect(res.body).toBe('success');
    }
    const bad = await h.app.inject({
      method: 'POST',
      url: `/webhooks/wechat/${wechat}?signature=deadbeef&timestamp=${timestamp}&nonce=${nonce}`,
      headers: { 'content-type': 'text/xml' },
      payload: xml,
    });
    expect(bad.statusCode).toBe(401);

    const activities = createActivities({ db: h.db.db, secretKey: testSecretKey, channels: new ChannelClients() });
    await runWorker(connection, { taskQueue, activities }, async () => {
      await drainOnce(h.deps);
      const deadline = Date.now() + 20_000;
      while (sandbox.store.query({ method: 'agent', recipient: 'wm-mei' }).length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 500));
    });
    expect(sandbox.store.query({ method: 'agent', recipient: 'wm-mei' }).map((m) => m.content)).toEqual([
      'Welcome Mei!',
    ]);
    const stats = (
      await h.app.inject({ method: 'GET', url: `/api/journeys/${journey.id}/stats`, headers: bearer(h.key) })
    ).json();
    expect(stats.nodes.welcome).toMatchObject({ entered: 1, sent: 1 });
    const entries = (await h.db.db.execute(sql`select count(*)::int as n from journey_entries`)) as unknown as Array<{
      n: number;
    }>;
    expect(entries[0]!.n).toBe(1);
  });
});

describe('end to end on the time-skipping server: a timed broadcast to a tag', () => {
  let stack: EngineStack;
  let h: ApiHarness;
  let mailSandbox: Sandbox;
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    // Its own sandbox takes the mail (the file's one above takes the channels' messages).
    stack = await startEngineStack('e2e-ts', {
      sandbox: { smtpPort: 0 },
      app: sandboxMailer,
    });
    ({ env, sandbox: mailSandbox, h } = stack);
  });
  afterAll(async () => stack?.close());

  it('reaches every tagged contact once, and the detail stats and CSV agree with the sandbox', async () => {
    const { wecom, post } = await setupAccounts(h);
    const contacts = Array.from({ length: 120 }, (_, i) => ({
      externalId: `vip-${i}`,
      name: `VIP ${i}`,
      identities: i % 10 === 9 ? [] : [{ kind: 'wecom_external_userid', value: `wm-vip-${i}` }],
      tags: i % 2 === 0 ? ['VIP', 'Shanghai'] : ['VIP'],
      owners: ['e2e-owner'],
    }));
    contacts.push({
      externalId: 'not-vip',
      name: 'Other',
      identities: [{ kind: 'wecom_external_userid', value: 'wm-other' }],
      tags: ['Shanghai'],
      owners: ['e2e-owner'],
    });
    await post('/api/contacts/import', { contacts });
    const vip = (
      (await h.app.inject({ method: 'GET', url: '/api/tags', headers: bearer(h.key) })).json().items as Array<{
        id: string;
        name: string;
      }>
    ).find((t) => t.name === 'VIP')!;
    const preview = (
      await post('/api/broadcasts/preview', {
        channelAccountId: wecom,
        method: 'wecom_agent',
        audience: { kind: 'tags', mode: 'all', tagIds: [vip.id], excludeTagIds: [] },
      })
    ).json();
    expect(preview).toEqual({ audience: 120, reachable: 108, sendable: 108 });

    const created = await post('/api/broadcasts', {
      name: 'VIP November',
      channelAccountId: wecom,
      method: 'wecom_agent',
      messages: [{ type: 'text', text: 'VIP night is on' }],
      audience: { kind: 'tags', mode: 'all', tagIds: [vip.id], excludeTagIds: [] },
      sendType: 'timed',
      sendAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    });
    expect(created.statusCode).toBe(201);
    const broadcast = created.json();
    expect(broadcast).toMatchObject({
      status: 'pending',
      sendType: 'timed',
      method: 'wecom_agent',
      content: 'VIP night is on',
    });
    expect(sandbox.store.query({ method: 'agent' }).filter((m) => m.content === 'VIP night is on')).toHaveLength(0);

    // The sandbox posts receipts back as the provider would: every message delivered, every 2nd read,
    // every 4th replied.
    const base = await h.app.listen({ host: '127.0.0.1', port: 0 });
    await fetch(`${sandbox.url}/_sandbox/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        account: 'corp-e2e',
        url: `${base}/webhooks/receipts/${wecom}`,
        secret: 'receipts-secret',
        readShare: 0.5,
        replyShare: 0.25,
      }),
    });
    // The WeCom app tells Herald when the employee has sent each message on; the employee acts when told below.
    const control = (path: string, body: unknown) =>
      fetch(`${sandbox.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await control('/_sandbox/wecom/callback', {
      corpId: 'corp-e2e',
      url: `${base}/webhooks/wecom/${wecom}`,
      token: 'wecom-cb',
    });
    await control('/_sandbox/wecom/behaviour', { corpId: 'corp-e2e', userid: 'e2e-owner', action: 'manual' });
    const detail0 = (
      await h.app.inject({ method: 'GET', url: `/api/broadcasts/${broadcast.id}`, headers: bearer(h.key) })
    ).json();
    await env.client.workflow.getHandle(`run/${detail0.runId}`).result();
    // Every request reached the employee; they send them all on.
    expect(
      await (await control('/_sandbox/wecom/requests/act-all', { corpId: 'corp-e2e', action: 'send' })).json(),
    ).toEqual({ acted: 108 });

    const detailNow = async () =>
      (await h.app.inject({ method: 'GET', url: `/api/broadcasts/${broadcast.id}`, headers: bearer(h.key) })).json();
    // Delivered when each employee has sent it on (the app's callback), read and replied as the receipts come.
    await expect
      .poll(
        async () => {
          const { stats } = await detailNow();
          return [stats.delivered, stats.readRate, stats.replyRate];
        },
        { timeout: 10_000 },
      )
      .toEqual([108, 0.5, 0.25]);
    const detail = await detailNow();
    expect(detail.status).toBe('completed');
    expect(detail.stats).toMatchObject({
      total: 120,
      sent: 108,
      delivered: 108,
      skipped: 12,
      failed: 0,
      skippedByReason: { no_identity: 12 },
      progress: 1,
      readRate: 0.5,
      replyRate: 0.25,
    });
    // A forged receipt is refused and changes nothing.
    const forged = await h.app.inject({
      method: 'POST',
      url: `/webhooks/receipts/${wecom}`,
      headers: {
        'content-type': 'application/json',
        'x-herald-signature': 'f'.repeat(64),
        'x-herald-timestamp': String(Math.floor(Date.now() / 1000)),
      },
      payload: JSON.stringify({
        receipts: [{ providerMessageId: 'x', recipient: 'wm-vip-0', type: 'replied', at: new Date().toISOString() }],
      }),
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('HERALD_ERR_BAD_SIGNATURE');
    const arrived = sandbox.store.query({ method: 'agent' }).filter((m) => m.content === 'VIP night is on');
    expect(arrived).toHaveLength(108);
    expect(new Set(arrived.map((m) => m.recipient)).size).toBe(108);

    const csv = (
      await h.app.inject({ method: 'GET', url: `/api/broadcasts/${broadcast.id}/export.csv`, headers: bearer(h.key) })
    ).body
      .trim()
      .split('\n');
    expect(csv[0]).toBe('external_id,name,recipient,employee,status,reason,sent_at');
    const sentRows = csv
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => ['sent', 'delivered', 'read', 'replied'].includes(c[4]!));
    expect(sentRows).toHaveLength(108);
    expect(new Set(sentRows.map((c) => c[2]))).toEqual(new Set(arrived.map((m) => m.recipient)));
    const xlsx = await h.app.inject({
      method: 'GET',
      url: `/api/broadcasts/${broadcast.id}/export.xlsx`,
      headers: bearer(h.key),
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(121);
    const emailed = await post(`/api/broadcasts/${broadcast.id}/export/email`, {
      format: 'xlsx',
      to: ['boss@acme.test', 'ops@acme.test'],
      subject: 'VIP November results',
    });
    expect(emailed.statusCode).toBe(202);
    expect(emailed.json().rows).toBe(120);
    expect(
      mailSandbox.store
        .query({ channel: 'email' })
        .map((m) => m.recipient)
        .sort(),
    ).toEqual(['boss@acme.test', 'ops@acme.test']);
    expect(mailSandbox.store.query({ channel: 'email' })[0]!.content).toContain('VIP November results');
    const list = (
      await h.app.inject({ method: 'GET', url: '/api/broadcasts?search=VIP&status=completed', headers: bearer(h.key) })
    ).json();
    expect(list.items.map((b: { id: string }) => b.id)).toEqual([broadcast.id]);
  });
});
