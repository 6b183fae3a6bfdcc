import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@herald/db';
import { buildApp } from '@herald/api';
import { ChannelClients, loadAccount } from '@herald/channels';
import type { FastifyInstance } from 'fastify';
import { bearer, createApiHarness, type ApiHarness } from './api-harness';
import { testSecretKey } from '../fixtures/seed';

/**
 * The secret part of `hk_<prefix>_<secret>` (base64url: it may itself contain `_`, so not `split('_')[2]`,
 * which once gave a one-letter fragment found in every log).
 */
const secretPart = (key: string): string => key.slice(key.indexOf('_', 3) + 1);

// Secrets at rest and in transit: API keys and passwords are stored hashed, channel credentials
// sealed; none of them comes back in a response or goes into a log line, even at trace level.
const secrets = {
  wecom: 'cred-WECOM-9f3a7c',
  callback: 'cred-CALLBACK-51d2',
  receipts: 'cred-RECEIPTS-77e0',
  wechat: 'cred-WECHAT-0b9e',
};
let h: ApiHarness;
let app: FastifyInstance;
let logs = '';
const responses: string[] = [];

beforeAll(async () => {
  h = await createApiHarness();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs += chunk.toString();
      done();
    },
  });
  app = await buildApp(h.deps, { logger: { level: 'trace', stream } });
});
afterAll(async () => {
  await app?.close();
  await h?.close();
});

async function call(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  body?: unknown,
  headers: Record<string, string> = bearer(h.key),
) {
  const res = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
  responses.push(`${method} ${url} ${res.statusCode} ${JSON.stringify(res.headers)} ${res.body}`);
  return res;
}

describe('secrets: hashed or sealed at rest, never returned, never logged', () => {
  it('creates, lists, reads and misuses channel accounts and keys without a secret escaping', async () => {
    const wecom = (
      await call('POST', '/api/channel-accounts', {
        kind: 'wecom',
        name: 'Sealed',
        baseUrl: 'http://127.0.0.1:9',
        settings: { corpId: 'c' },
        credentials: { secret: secrets.wecom, receiptsSecret: secrets.receipts },
      })
    ).json();
    const wechat = (
      await call('POST', '/api/channel-accounts', {
        kind: 'wechat_service',
        name: 'Sealed OA',
        baseUrl: 'http://127.0.0.1:9',
        credentials: { secret: secrets.wechat, callbackToken: secrets.callback },
      })
    ).json();
    expect(wecom.hasCredentials).toBe(true);
    await call('GET', '/api/channel-accounts');
    await call('POST', '/api/channel-accounts', {
      kind: 'wecom',
      name: 'Bad',
      baseUrl: 'not a url',
      credentials: { secret: secrets.wecom },
    });
    await call('POST', '/api/channel-accounts', { kind: 'nope', credentials: { secret: secrets.wecom } });
    await call('POST', '/api/broadcasts/preview', {
      channelAccountId: wecom.id,
      method: 'wecom_agent',
      audience: { kind: 'all' },
    });
    // Webhooks that verify with those secrets, with wrong signatures.
    await call('GET', `/webhooks/wechat/${wechat.id}?signature=x&timestamp=1&nonce=n&echostr=e`, undefined, {});
    await call(
      'POST',
      `/webhooks/receipts/${wecom.id}`,
      { receipts: [] },
      { 'x-herald-signature': 'x', 'x-herald-timestamp': '1' },
    );
    // Keys and passwords, right and wrong.
    await call('GET', '/api/contacts', undefined, bearer(`${h.key.slice(0, -4)}xxxx`));
    await call('GET', '/api/contacts', undefined, bearer(h.key));
    await call('POST', '/api/auth/login', { email: h.email, password: 'wrong-password' }, {});
    const login = await call('POST', '/api/auth/login', { email: h.email, password: h.password }, {});
    expect(login.statusCode).toBe(200);

    const everything = `${logs}\n${responses.join('\n')}`;
    expect(logs.length, 'the trace logger wrote nothing; the test would prove nothing').toBeGreaterThan(1000);
    for (const [name, value] of Object.entries({
      ...secrets,
      apiKey: h.key,
      apiKeySecretPart: secretPart(h.key),
      password: h.password,
    })) {
      expect(everything.includes(value), `${name} appears in a response or a log line`).toBe(false);
    }
  });

  it('stores API keys and passwords hashed, and credentials sealed (not even their names in clear)', async () => {
    const dump = JSON.stringify(
      await h.db.db.execute(
        sql`select (select json_agg(k) from api_keys k) as keys, (select json_agg(m)
          from members m) as members, (select json_agg(c) from channel_accounts c) as accounts, (select json_agg(s)
            from sessions s) as sessions`,
      ),
    );
    for (const value of [
      ...Object.values(secrets),
      h.key,
      secretPart(h.key),
      h.password,
      'receiptsSecret',
      'callbackToken',
    ])
      expect(dump.includes(value), value).toBe(false);
  });

  it("keeps credentials out of a failing provider call's error (its token URL holds the secret)", async () => {
    const [account] = (await h.db.db.execute(
      sql`select id, workspace_id from channel_accounts where name = 'Sealed'`,
    )) as unknown as Array<{ id: string; workspace_id: string }>;
    const channels = new ChannelClients();
    try {
      const { config } = await loadAccount(
        { db: h.db.db, secretKey: testSecretKey },
        account!.workspace_id,
        account!.id,
      );
      expect(config.credentials.secret).toBe(secrets.wecom);
      const failure = await channels
        .send({
          method: 'wecom_agent',
          account: config,
          recipients: [{ key: '1', address: 'wm1', owners: ['emp-1'] }],
          messages: [{ type: 'text', text: 'hi' }],
          type: 'contacts',
          dedupKey: 'k',
        })
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'HERALD_ERR_CHANNEL_UNAVAILABLE' });
      const own = JSON.stringify(failure, Object.getOwnPropertyNames(failure ?? {}));
      const text = `${String(failure)} ${(failure as Error).stack} ${own}`;
      for (const value of Object.values(secrets)) expect(text.includes(value), value).toBe(false);
    } finally {
      channels.close();
    }
  });
});
