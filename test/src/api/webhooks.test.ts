import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { eq, sql, workspaces } from '@herald/db';
import { buildApp } from '@herald/api';
import { bearer, createApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
  await h.db.db.update(workspaces).set({ settings: { formsSecret: 'forms-secret' } }).where(eq(workspaces.id, h.workspaceId));
});
afterAll(async () => { await h?.close(); });

const sign = (secret: string, timestamp: string, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
const post = (body: string, headers: Record<string, string>) => h.app.inject({ method: 'POST', url: `/webhooks/forms/${h.workspaceId}/signup`, headers: { 'content-type': 'application/json', ...headers }, payload: body });

describe('form submissions webhook', () => {
  const body = JSON.stringify({ submissionId: 'sub-1', contact: { email: 'ann@example.com', name: 'Ann' }, fields: { plan: 'pro' } });

  it('accepts a signed submission once as a form_submit event', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const first = await post(body, { 'x-herald-timestamp': ts, 'x-herald-signature': sign('forms-secret', ts, body) });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ accepted: 1, duplicates: 0 });
    const again = await post(body, { 'x-herald-timestamp': ts, 'x-herald-signature': sign('forms-secret', ts, body) });
    expect(again.json()).toEqual({ accepted: 0, duplicates: 1 });
    const rows = await h.db.db.execute(sql`select type, properties->>'formId' as form, properties->>'plan' as plan from inbound_events where source = 'form:signup'`) as unknown as Array<Record<string, string>>;
    expect(rows).toEqual([{ type: 'form_submit', form: 'signup', plan: 'pro' }]);
  });

  it('refuses a wrong signature and a replay from outside the 5-minute window, writing nothing', async () => {
    const before = (await h.db.db.execute(sql`select count(*)::int as n from inbound_events`) as unknown as Array<{ n: number }>)[0]!.n;
    const ts = String(Math.floor(Date.now() / 1000));
    const forged = await post(body.replace('sub-1', 'sub-2'), { 'x-herald-timestamp': ts, 'x-herald-signature': sign('wrong', ts, body) });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('HERALD_ERR_BAD_SIGNATURE');
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    const other = body.replace('sub-1', 'sub-3');
    const replay = await post(other, { 'x-herald-timestamp': old, 'x-herald-signature': sign('forms-secret', old, other) });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('HERALD_ERR_REPLAY');
    expect((await h.db.db.execute(sql`select count(*)::int as n from inbound_events`) as unknown as Array<{ n: number }>)[0]!.n).toBe(before);
  });

  it('refuses an XML bomb on the WeChat callback cheaply (no entity expansion, size-limited)', async () => {
    const account = (await h.app.inject({ method: 'POST', url: '/api/channel-accounts', headers: bearer(h.key), payload: { kind: 'wechat_service', name: 'Bomb target', baseUrl: 'http://127.0.0.1:9', credentials: { callbackToken: 'cb' } } })).json();
    const ts = String(Math.floor(Date.now() / 1000));
    const { wechatSignature } = await import('../../../api/src/routes/wechat-webhook.routes');
    const query = `signature=${wechatSignature('cb', ts, 'n')}&timestamp=${ts}&nonce=n`;
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><xml><FromUserName>&lol2;</FromUserName></xml>`;
    const before = (await h.db.db.execute(sql`select count(*)::int as n from inbound_events`) as unknown as Array<{ n: number }>)[0]!.n;
    const res = await h.app.inject({ method: 'POST', url: `/webhooks/wechat/${account.id}?${query}`, headers: { 'content-type': 'text/xml' }, payload: bomb });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('HERALD_ERR_MALFORMED_BODY');
    const huge = await h.app.inject({ method: 'POST', url: `/webhooks/wechat/${account.id}?${query}`, headers: { 'content-type': 'text/xml' }, payload: `<xml>${'a'.repeat(200 * 1024)}</xml>` });
    expect(huge.statusCode).toBe(413);
    expect((await h.db.db.execute(sql`select count(*)::int as n from inbound_events`) as unknown as Array<{ n: number }>)[0]!.n).toBe(before);
  });
});

describe('rate limits', () => {
  it('answers 429 with a code once a client goes over its budget', async () => {
    const app = await buildApp(h.deps, { rateLimitPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await app.inject({ method: 'GET', url: '/api/tags', headers: bearer(h.key) })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const res = await app.inject({ method: 'GET', url: '/api/tags', headers: bearer(h.key) });
      expect(res.json().error.code).toBe('HERALD_ERR_RATE_LIMITED');
    } finally {
      await app.close();
    }
  });
});
