// Contacts move on after a one-by-one send (one call per contact, sent and settled 16 calls at a time), on
// PostgreSQL, the time-skipping server with a real worker, and the sandbox: a stream of WeChat follows through
// a customer-service welcome then a webhook to the CRM — every fan is welcomed once and reaches the webhook
// once, nobody stays at a step, and each send page is recorded by one insert (a first attempt never finds its
// rows already written); and a batch journey's audience through a template message then a webhook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { drainOnce } from '@herald/api';
import { chainGraph, node } from '@herald/engine/testing';
import { shippedTemplate } from '../fixtures/seed';
import { wechatXml } from '../fixtures/wechat-xml';
import { wechatSignature } from '../../../api/src/routes/wechat-webhook.routes';
import { startEngineStack, type EngineStack } from './engine-stack';

const FANS = 300;
const WAVES = 6;
const metrics = new Registry();
let stack: EngineStack;
let wechat: string;

beforeAll(async () => {
  stack = await startEngineStack('send-pages', { sandbox: { confirmDelayMs: 0 }, metrics });
  wechat = await stack.account({
    kind: 'wechat_service',
    name: 'OA',
    settings: { appId: 'wx-pages' },
    credentials: { callbackToken: 'pages-token' },
  });
});
afterAll(async () => stack?.close());

const openid = (i: number) => `o-pages-${i}`;

/** A signed follow callback of fan `i`, as WeChat posts it; Herald answers "success". */
async function follow(i: number): Promise<string> {
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = wechatSignature('pages-token', ts, `n${i}`);
  const res = await stack.h.app.inject({
    method: 'POST',
    url: `/webhooks/wechat/${wechat}?signature=${signature}&timestamp=${ts}&nonce=n${i}`,
    headers: { 'content-type': 'text/xml' },
    payload: wechatXml({
      ToUserName: 'gh',
      FromUserName: openid(i),
      CreateTime: ts,
      MsgType: 'event',
      Event: 'subscribe',
    }),
  });
  return res.body;
}

/** Each step's live counts: sent, and waiting there now. */
async function sentAndWaiting(journey: string, steps: string[]): Promise<number[][]> {
  const { nodes } = await stack.call('GET', `/api/journeys/${journey}/stats`);
  return steps.map((id) => [nodes[id]?.sent ?? 0, nodes[id]?.waiting ?? 0]);
}

/** The worker's send pages by how the ledger recorded them (`herald_send_pages_total`). */
async function sendPages(): Promise<Record<string, number>> {
  const metric = await metrics.getSingleMetric('herald_send_pages_total')!.get();
  const by: Record<string, number> = {};
  for (const v of metric.values) by[String(v.labels.path)] = (by[String(v.labels.path)] ?? 0) + v.value;
  return by;
}

describe('a stream of follows through a customer-service welcome and a webhook', () => {
  it('welcomes every fan once, then calls the webhook once each; no page finds its rows already written', async () => {
    await stack.call('POST', '/api/contacts/import', {
      contacts: Array.from({ length: FANS }, (_, i) => ({
        externalId: `pages-${i}`,
        name: `Fan ${i}`,
        identities: [{ kind: 'wechat_openid', value: openid(i), channelAccountId: wechat }],
      })),
    });
    // WeChat opens a fan's 48-hour window at the follow.
    for (let i = 0; i < FANS; i++) stack.sandbox.interacted('wx-pages', openid(i));
    const crm = { url: `${stack.sandbox.url}/hooks/welcomed`, method: 'POST', headers: {}, body: 'welcomed' } as const;
    const journey = await stack.publish(
      'Welcome and CRM',
      chainGraph([
        node('follow', 'follow', { channelAccountId: wechat }),
        node('welcome', 'send', {
          channelAccountId: wechat,
          channel: 'wechat_service',
          method: 'wechat_customer_service',
          type: 'contacts',
          messages: [{ type: 'text', text: 'Welcome {{contact.name}}!' }],
        }),
        node('crm', 'webhook', crm),
      ]),
    );

    // The follows come in waves, each drained as the drainer does while the run is still sending the last.
    const perWave = FANS / WAVES;
    for (let w = 0; w < WAVES; w++) {
      const answers = await Promise.all(Array.from({ length: perWave }, (_, k) => follow(w * perWave + k)));
      expect(answers).toEqual(Array(perWave).fill('success'));
      while ((await drainOnce(stack.h.deps)).events > 0);
    }

    // Each fan's CRM call follows their welcome: once every fan had it, nobody was left at the welcome.
    const called = () =>
      stack.sandbox.store.query({ channel: 'webhook' }).filter((m) => m.account === '/hooks/welcomed');
    await expect.poll(() => called().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(FANS);
    const everyone = Array.from({ length: FANS }, (_, i) => openid(i)).sort();
    const welcomed = stack.sandbox.store.query({ method: 'customer_service' }).map((m) => m.recipient);
    expect(welcomed.sort()).toEqual(everyone);
    expect(called()).toHaveLength(FANS);
    expect(new Set(called().map((m) => m.recipient)).size).toBe(FANS);
    // The live counts show every fan through both steps (once the last calls are settled), none waiting at one.
    await expect
      .poll(() => sentAndWaiting(journey, ['welcome', 'crm']), { timeout: 30_000 })
      .toEqual([
        [FANS, 0],
        [FANS, 0],
      ]);
    // A run's activity reports its pages when it ends (the run goes idle once everyone moved on).
    await expect.poll(async () => (await sendPages()).first ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
    expect((await sendPages()).careful ?? 0).toBe(0);
  }, 180_000);

  it("takes a batch journey's whole audience on past a template message, not only its last 16", async () => {
    const n = 40;
    await stack.call('POST', '/api/contacts/import', {
      contacts: Array.from({ length: n }, (_, i) => ({
        externalId: `shipped-${i}`,
        name: `Buyer ${i}`,
        identities: [{ kind: 'wechat_openid', value: `o-shipped-${i}`, channelAccountId: wechat }],
        tags: ['Shipped'],
      })),
    });
    const tags = (await stack.call('GET', '/api/tags')).items as Array<{ id: string; name: string }>;
    const shipped = tags.find((t) => t.name === 'Shipped')!;
    const crm = { url: `${stack.sandbox.url}/hooks/shipped`, method: 'POST', headers: {}, body: 'shipped' } as const;
    const journey = await stack.publish(
      'Shipped',
      chainGraph([
        node('start', 'audience', { audience: { kind: 'tags', mode: 'all', tagIds: [shipped.id], excludeTagIds: [] } }),
        node('notice', 'send', { ...shippedTemplate(wechat), type: 'contacts' }),
        node('crm', 'webhook', crm),
      ]),
    );
    const called = () =>
      stack.sandbox.store.query({ channel: 'webhook' }).filter((m) => m.account === '/hooks/shipped');
    await expect.poll(() => called().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(n);
    expect(stack.sandbox.store.query({ method: 'template', account: 'wx-pages' })).toHaveLength(n);
    expect(new Set(called().map((m) => m.recipient)).size).toBe(n);
    await expect
      .poll(() => sentAndWaiting(journey, ['notice', 'crm']), { timeout: 30_000 })
      .toEqual([
        [n, 0],
        [n, 0],
      ]);
  }, 180_000);
});
