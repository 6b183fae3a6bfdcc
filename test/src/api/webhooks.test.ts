import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { eq, sql, workspaces } from '@herald/db';
import { buildApp } from '@herald/api';
import { broadcastJourney } from '@herald/engine/testing';
import { wechatXml } from '../fixtures/wechat-xml';
import { addAccount, bearer, createApiHarness, type ApiHarness } from './api-harness';
import { publish, runCounters } from '../fixtures/seed';
import { wechatSignature } from '../../../api/src/routes/wechat-webhook.routes';

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
  await h.db.db
    .update(workspaces)
    .set({ settings: { formsSecret: 'forms-secret' } })
    .where(eq(workspaces.id, h.workspaceId));
});
afterAll(async () => {
  await h?.close();
});

const sign = (secret: string, timestamp: string, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
const post = (body: string, headers: Record<string, string>) =>
  h.app.inject({
    method: 'POST',
    url: `/webhooks/forms/${h.workspaceId}/signup`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: body,
  });

describe('form submissions webhook', () => {
  const body = JSON.stringify({
    submissionId: 'sub-1',
    contact: { email: 'ann@example.com', name: 'Ann' },
    fields: { plan: 'pro' },
  });

  it('accepts a signed submission once as a form_submit event', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const first = await post(body, { 'x-herald-timestamp': ts, 'x-herald-signature': sign('forms-secret', ts, body) });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ accepted: 1, duplicates: 0 });
    const again = await post(body, { 'x-herald-timestamp': ts, 'x-herald-signature': sign('forms-secret', ts, body) });
    expect(again.json()).toEqual({ accepted: 0, duplicates: 1 });
    const rows = (await h.db.db.execute(
      sql`select type, properties->>'formId' as form, properties->>'plan' as plan from inbound_events
        where source = 'form:signup'`,
    )) as unknown as Array<Record<string, string>>;
    expect(rows).toEqual([{ type: 'form_submit', form: 'signup', plan: 'pro' }]);
  });

  it('refuses a wrong signature and a replay from outside the 5-minute window, writing nothing', async () => {
    const before = (
      (await h.db.db.execute(sql`select count(*)::int as n from inbound_events`)) as unknown as Array<{ n: number }>
    )[0]!.n;
    const ts = String(Math.floor(Date.now() / 1000));
    const forged = await post(body.replace('sub-1', 'sub-2'), {
      'x-herald-timestamp': ts,
      'x-herald-signature': sign('wrong', ts, body),
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('HERALD_ERR_BAD_SIGNATURE');
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    const other = body.replace('sub-1', 'sub-3');
    const replay = await post(other, {
      'x-herald-timestamp': old,
      'x-herald-signature': sign('forms-secret', old, other),
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('HERALD_ERR_REPLAY');
    expect(
      (
        (await h.db.db.execute(sql`select count(*)::int as n from inbound_events`)) as unknown as Array<{ n: number }>
      )[0]!.n,
    ).toBe(before);
  });

  it('refuses an XML bomb on the WeChat callback cheaply (no entity expansion, size-limited)', async () => {
    const account = (
      await h.app.inject({
        method: 'POST',
        url: '/api/channel-accounts',
        headers: bearer(h.key),
        payload: {
          kind: 'wechat_service',
          name: 'Bomb target',
          baseUrl: 'http://127.0.0.1:9',
          credentials: { callbackToken: 'cb' },
        },
      })
    ).json();
    const ts = String(Math.floor(Date.now() / 1000));
    const { wechatSignature } = await import('../../../api/src/routes/wechat-webhook.routes');
    const query = `signature=${wechatSignature('cb', ts, 'n')}&timestamp=${ts}&nonce=n`;
    const bomb =
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "${'&lol;'.repeat(10)}">]>` +
      '<xml><FromUserName>&lol2;</FromUserName></xml>';
    const before = (
      (await h.db.db.execute(sql`select count(*)::int as n from inbound_events`)) as unknown as Array<{ n: number }>
    )[0]!.n;
    const res = await h.app.inject({
      method: 'POST',
      url: `/webhooks/wechat/${account.id}?${query}`,
      headers: { 'content-type': 'text/xml' },
      payload: bomb,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('HERALD_ERR_MALFORMED_BODY');
    const huge = await h.app.inject({
      method: 'POST',
      url: `/webhooks/wechat/${account.id}?${query}`,
      headers: { 'content-type': 'text/xml' },
      payload: `<xml>${'a'.repeat(200 * 1024)}</xml>`,
    });
    expect(huge.statusCode).toBe(413);
    expect(
      (
        (await h.db.db.execute(sql`select count(*)::int as n from inbound_events`)) as unknown as Array<{ n: number }>
      )[0]!.n,
    ).toBe(before);
  });
});

describe('rate limits', () => {
  it('answers 429 with a code once a client goes over its budget', async () => {
    const app = await buildApp(h.deps, { rateLimitPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++)
        codes.push((await app.inject({ method: 'GET', url: '/api/tags', headers: bearer(h.key) })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const res = await app.inject({ method: 'GET', url: '/api/tags', headers: bearer(h.key) });
      expect(res.json().error.code).toBe('HERALD_ERR_RATE_LIMITED');
    } finally {
      await app.close();
    }
  });

  it('limits webhooks per IP and sign-in attempts per IP, each configurable, with Retry-After', async () => {
    const app = await buildApp(h.deps, { rateLimits: { webhooksPerMinute: 5, loginPerMinute: 2 } });
    try {
      const hook = (ip: string) =>
        app.inject({
          method: 'POST',
          url: `/webhooks/forms/${h.workspaceId}/signup`,
          remoteAddress: ip,
          headers: { 'content-type': 'application/json', 'x-herald-timestamp': '1', 'x-herald-signature': 'x' },
          payload: '{}',
        });
      const flood = [];
      for (let i = 0; i < 8; i++) flood.push(await hook('10.0.0.1'));
      expect(flood.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      expect(flood[7]!.json().error.code).toBe('HERALD_ERR_RATE_LIMITED');
      expect(Number(flood[7]!.headers['retry-after'])).toBeGreaterThan(0);
      expect((await hook('10.0.0.2')).statusCode).toBe(401); // another sender keeps its own budget
      const login = [];
      for (let i = 0; i < 3; i++)
        login.push(
          (
            await app.inject({
              method: 'POST',
              url: '/api/auth/login',
              remoteAddress: '10.0.0.3',
              payload: { email: h.email, password: 'guess' },
            })
          ).statusCode,
        );
      expect(login).toEqual([401, 401, 429]);
      expect(
        (await app.inject({ method: 'GET', url: '/api/tags', remoteAddress: '10.0.0.3', headers: bearer(h.key) }))
          .statusCode,
      ).toBe(200);
    } finally {
      await app.close();
    }
  });
});

type App = Awaited<ReturnType<typeof buildApp>>;

/**
 * A platform's burst: 40 callbacks at once (`post(app, i)`) to an app that lets an IP post 5 webhooks a
 * minute and a provider's account 40, then a 41st; their answers.
 */
async function burst<T>(post: (app: App, i: number) => Promise<T>): Promise<{ answers: T[]; over: T }> {
  const app = await buildApp(h.deps, { rateLimits: { webhooksPerMinute: 5, providerPerMinute: 40 } });
  try {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => post(app, i)));
    return { answers, over: await post(app, 41) };
  } finally {
    await app.close();
  }
}
describe("a platform's burst of callbacks", () => {
  it('counts per channel account, not IP: 40 signed WeChat callbacks from one IP pass a budget of 5', async () => {
    const oa = await addAccount(h, {
      kind: 'wechat_service',
      name: 'Burst',
      settings: { appId: 'wx-rl' },
      credentials: { callbackToken: 'rl-token' },
    });
    const { answers, over } = await burst((app, i) => {
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = wechatSignature('rl-token', ts, `n${i}`);
      return app.inject({
        method: 'POST',
        url: `/webhooks/wechat/${oa}?signature=${signature}&timestamp=${ts}&nonce=n${i}`,
        remoteAddress: '10.9.9.9',
        headers: { 'content-type': 'text/xml' },
        payload: wechatXml({
          ToUserName: 'gh',
          FromUserName: `o-rl-${i}`,
          CreateTime: ts,
          MsgType: 'event',
          Event: 'subscribe',
        }),
      });
    });
    expect(answers.map((a) => a.body)).toEqual(Array(40).fill('success'));
    // The account's own budget still holds (configurable), and other senders keep theirs.
    expect(over.statusCode).toBe(429);
  });

  it("counts a WeCom app's employee answers per account too: 40 from one IP pass a budget of 5", async () => {
    const corp = await addAccount(h, {
      kind: 'wecom',
      name: 'Burst WeCom',
      settings: { corpId: 'corp-rl', agentId: 1000002 },
      credentials: { callbackToken: 'rl-wecom' },
    });
    const { answers, over } = await burst((app, i) => {
      const ts = String(Math.floor(Date.now() / 1000));
      const body = JSON.stringify({
        actions: [{ msgid: `m-rl-${i}`, userid: 'rl-employee', action: 'sent', at: new Date().toISOString() }],
      });
      return app.inject({
        method: 'POST',
        url: `/webhooks/wecom/${corp}`,
        remoteAddress: '10.9.9.8',
        headers: {
          'content-type': 'application/json',
          'x-herald-timestamp': ts,
          'x-herald-signature': sign('rl-wecom', ts, body),
        },
        payload: body,
      });
    });
    // Each names a message Herald has not recorded: kept for its settlement, none refused.
    expect(answers.map((a) => a.statusCode)).toEqual(Array(40).fill(200));
    expect(answers.map((a) => a.json().results[0].held)).toEqual(Array(40).fill(true));
    expect(over.statusCode).toBe(429);
  });
});

const inboundCount = async () =>
  ((await h.db.db.execute(sql`select count(*)::int as n from inbound_events`)) as unknown as Array<{ n: number }>)[0]!
    .n;
const now = () => String(Math.floor(Date.now() / 1000));
const tally = { wechat: 0, forms: 0, receipts: 0, handshake: 0 };
afterAll(() => {
  console.log(
    `webhook fuzz: ${tally.wechat} WeChat callbacks, ${tally.handshake} handshakes, ${tally.forms} form posts, ` +
      `${tally.receipts} receipt posts; no 5xx, every refusal coded, nothing written by a refusal`,
  );
});

/** The answer is a success, or a coded 4xx that wrote nothing. */
async function refusedCleanly(
  res: { statusCode: number; body: string; json(): { error: { code: string } } },
  before: number,
  what: string,
): Promise<void> {
  expect(res.statusCode, `${what} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.json().error.code, what).toMatch(/^HERALD_ERR_/);
    expect(await inboundCount(), `${what} was refused but stored an event`).toBe(before);
  }
}

describe('WeChat callback: signatures, replays, random XML, bombs', () => {
  let account: string;
  const signed = (ts = now(), nonce = 'n') =>
    `signature=${wechatSignature('cb-fuzz', ts, nonce)}&timestamp=${ts}&nonce=${nonce}`;
  beforeAll(async () => {
    account = (
      await h.app.inject({
        method: 'POST',
        url: '/api/channel-accounts',
        headers: bearer(h.key),
        payload: {
          kind: 'wechat_service',
          name: 'Fuzz OA',
          baseUrl: 'http://127.0.0.1:9',
          credentials: { callbackToken: 'cb-fuzz' },
        },
      })
    ).json().id;
  });
  const callback = (xml: string, query = signed(), type = 'text/xml') =>
    h.app.inject({
      method: 'POST',
      url: `/webhooks/wechat/${account}?${query}`,
      headers: { 'content-type': type },
      payload: xml,
    });
  const follow = (openid: string, created = now()) =>
    wechatXml({ ToUserName: 'gh', FromUserName: openid, CreateTime: created, MsgType: 'event', Event: 'subscribe' });

  it('accepts a signed callback, refuses a wrong signature and a timestamp outside 5 minutes either way', async () => {
    expect((await callback(follow('fan-ok'))).body).toBe('success');
    const before = await inboundCount();
    const forged = await callback(follow('fan-forged'), `signature=${'0'.repeat(40)}&timestamp=${now()}&nonce=n`);
    expect([forged.statusCode, forged.json().error.code]).toEqual([401, 'HERALD_ERR_BAD_SIGNATURE']);
    for (const skew of [-3600, 3600]) {
      const ts = String(Math.floor(Date.now() / 1000) + skew);
      const replay = await callback(follow('fan-replay'), signed(ts));
      expect([replay.statusCode, replay.json().error.code]).toEqual([401, 'HERALD_ERR_REPLAY']);
    }
    expect(await inboundCount()).toBe(before);
  });

  it('applies template and mass-send job results to their rows, only forward from sent, with counters', async () => {
    const run = await publish(
      h.db.db,
      h.workspaceId,
      broadcastJourney({
        channelAccountId: account,
        channel: 'wechat_service',
        method: 'wechat_mass',
        groupName: undefined,
      }),
    );
    const contact = async (externalId: string) =>
      (
        (await h.db.db.execute(
          sql`insert into contacts (workspace_id, external_id, name)
            values (${h.workspaceId}::uuid, ${externalId}, ${externalId}) returning id`,
        )) as unknown as Array<{ id: string }>
      )[0]!.id;
    const row = async (externalId: string, openid: string, msgid: string) =>
      h.db.db.execute(sql`insert into deliveries (workspace_id, run_id, node_id, contact_id, channel_account_id, method,
        recipient, status, provider_message_id)
      values (${h.workspaceId}::uuid, ${run.runId}::uuid, ${run.nodeId}, ${await contact(externalId)}::uuid,
        ${account}::uuid, 'wechat_template', ${openid}, 'sent', ${msgid})`);
    await row('job-a', 'o-job-a', 'tmpl-1');
    await row('job-b', 'o-job-b', 'tmpl-2');
    for (const i of [1, 2, 3]) await row(`job-m${i}`, `o-job-m${i}`, 'mass-9');
    await h.db.db.execute(sql`update runs set sent = 5 where id = ${run.runId}::uuid`);
    const job = (openid: string, event: string, fields: Record<string, string | number>) =>
      wechatXml({
        ToUserName: 'gh',
        FromUserName: openid,
        CreateTime: now(),
        MsgType: 'event',
        Event: event,
        ...fields,
      });
    const massResult = (sent: number, errors: number) => ({
      MsgID: 'mass-9',
      Status: 'send success',
      TotalCount: 3,
      FilterCount: 3,
      SentCount: sent,
      ErrorCount: errors,
    });
    const statuses = async () =>
      Object.fromEntries(
        (
          (await h.db.db.execute(
            sql`select recipient, status, error_code from deliveries where run_id = ${run.runId}::uuid
              order by recipient`,
          )) as unknown as Array<{ recipient: string; status: string; error_code: string | null }>
        ).map((r) => [r.recipient, r.error_code ? `${r.status}:${r.error_code}` : r.status]),
      );

    expect((await callback(job('o-job-a', 'TEMPLATESENDJOBFINISH', { MsgID: 'tmpl-1', Status: 'success' }))).body).toBe(
      'success',
    );
    expect(
      (await callback(job('o-job-b', 'TEMPLATESENDJOBFINISH', { MsgID: 'tmpl-2', Status: 'failed:user block' }))).body,
    ).toBe('success');
    // The same result again, and one naming another fan, change nothing.
    await callback(job('o-job-b', 'TEMPLATESENDJOBFINISH', { MsgID: 'tmpl-2', Status: 'failed:user block' }));
    await callback(job('o-job-a', 'TEMPLATESENDJOBFINISH', { MsgID: 'tmpl-2', Status: 'failed: system failed' }));
    // A partial mass result names no fans: nothing moves; a clean one delivers every row of the job.
    await callback(job('o-system', 'MASSSENDJOBFINISH', massResult(2, 1)));
    expect(await statuses()).toEqual({
      'o-job-a': 'delivered',
      'o-job-b': 'failed:HERALD_ERR_CHANNEL_INVALID_RECIPIENT',
      'o-job-m1': 'sent',
      'o-job-m2': 'sent',
      'o-job-m3': 'sent',
    });
    await callback(job('o-system', 'MASSSENDJOBFINISH', massResult(3, 0)));
    expect(await statuses()).toMatchObject({
      'o-job-m1': 'delivered',
      'o-job-m2': 'delivered',
      'o-job-m3': 'delivered',
    });
    expect(await runCounters(h.db.db, run.runId)).toEqual({ sent: 4, failed: 1 });
    const [stored] = (await h.db.db.execute(
      sql`select properties from inbound_events where type = 'mass_result' order by id desc limit 1`,
    )) as unknown as Array<{ properties: Record<string, string> }>;
    // The event is the job's (id = MsgID), stored once with its counts: here the first result posted.
    expect(stored!.properties).toMatchObject({ MsgID: 'mass-9', SentCount: '2', ErrorCount: '1' });
  });

  it('random XML, with a valid signature, never makes a 5xx or half an event', async () => {
    const names = fc.constantFrom(
      'FromUserName',
      'ToUserName',
      'MsgType',
      'Event',
      'CreateTime',
      'MsgId',
      'Content',
      'EventKey',
      'xml',
      'a',
      '__proto__',
      'constructor',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        'event',
        'subscribe',
        'text',
        '__proto__',
        'toString',
        '<Event>x</Event>',
        'y'.repeat(3000),
        '9'.repeat(30),
        '-1',
        '1e400',
        'NaN',
        '<![CDATA[x]]>',
        '&amp;',
        '&lol;',
        '<',
        '',
      ),
      fc.integer().map(String),
    );
    const element = fc.tuple(names, text).map(([n, t]) => `<${n}>${t}</${n}>`);
    const xml = fc.oneof(
      fc.array(element, { maxLength: 8 }).map((parts) => `<xml>${parts.join('')}</xml>`),
      fc.tuple(fc.string({ maxLength: 20 }), text).map(([openid, created]) => follow(openid, created)),
      fc.string({ maxLength: 300 }),
    );
    await fc.assert(
      fc.asyncProperty(
        xml,
        fc.constantFrom('text/xml', 'application/xml', 'application/json', 'text/plain'),
        async (body, type) => {
          const before = await inboundCount();
          tally.wechat++;
          await refusedCleanly(
            await callback(body, signed(), type),
            before,
            `POST wechat ${type} ${body.slice(0, 200)}`,
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('random handshake queries get a coded 4xx or the echo', async () => {
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', '1e999', '-1', 'a'.repeat(300)));
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('signature', 'timestamp', 'nonce', 'echostr', 'x'), value),
        fc.oneof(fc.constant(account), fc.string({ maxLength: 40 })),
        async (query, id) => {
          tally.handshake++;
          const res = await h.app.inject({
            method: 'GET',
            url: `/webhooks/wechat/${encodeURIComponent(id)}?${new URLSearchParams(query).toString()}`,
          });
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/^HERALD_ERR_/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses XML bombs, external entities and oversized bodies cheaply, storing nothing', async () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`);
    const laughs =
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${entities.join('')}]>` +
      '<xml><FromUserName>&lol9;</FromUserName><MsgType>event</MsgType></xml>';
    const bombs = {
      'billion laughs': laughs,
      'external entity (file)':
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
        '<xml><FromUserName>&xxe;</FromUserName><MsgType>text</MsgType></xml>',
      'external DTD (http)':
        '<?xml version="1.0"?><!DOCTYPE xml SYSTEM "http://127.0.0.1:9/evil.dtd">' +
        '<xml><FromUserName>a</FromUserName><MsgType>text</MsgType></xml>',
      'parameter entity':
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p"> %p;]>' +
        '<xml><FromUserName>a</FromUserName><MsgType>text</MsgType></xml>',
      'lower-case doctype':
        '<!doctype x [<!entity a "b">]><xml><FromUserName>&a;</FromUserName><MsgType>text</MsgType></xml>',
    };
    const before = await inboundCount();
    for (const [name, xml] of Object.entries(bombs)) {
      // Refused before any parsing (no entity is expanded, nothing fetched): the answer, not a time, says so.
      const res = await callback(xml);
      expect([res.statusCode, res.json().error.code], name).toEqual([400, 'HERALD_ERR_MALFORMED_BODY']);
    }
    for (const size of [65 * 1024, 5 * 1024 * 1024]) {
      const res = await callback(`<xml><FromUserName>${'a'.repeat(size)}</FromUserName><MsgType>text</MsgType></xml>`);
      expect([res.statusCode, res.json().error.code], `${size} bytes`).toEqual([413, 'HERALD_ERR_BODY_TOO_LARGE']);
    }
    expect(await inboundCount()).toBe(before);
  });
});

describe('forms and receipts: random signed bodies, replay window', () => {
  let wecom: string;
  beforeAll(async () => {
    wecom = await addAccount(h, {
      kind: 'wecom',
      name: 'Receipts',
      credentials: { receiptsSecret: 'receipts-secret' },
    });
  });
  const receipt = (body: string, ts = now(), secret = 'receipts-secret') =>
    h.app.inject({
      method: 'POST',
      url: `/webhooks/receipts/${wecom}`,
      headers: {
        'content-type': 'application/json',
        'x-herald-timestamp': ts,
        'x-herald-signature': sign(secret, ts, body),
      },
      payload: body,
    });

  it('receipts: a signed batch is applied; a bad signature, an old or future time, no headers: refused', async () => {
    const body = JSON.stringify({
      receipts: [{ providerMessageId: 'm1', recipient: 'r1', type: 'delivered', at: new Date().toISOString() }],
    });
    const ok = await receipt(body);
    expect([ok.statusCode, ok.json()]).toEqual([200, { applied: 0, held: 1, unknown: 0 }]);
    expect((await receipt(body, now(), 'wrong')).json().error.code).toBe('HERALD_ERR_BAD_SIGNATURE');
    for (const skew of [-3600, 3600]) {
      const res = await receipt(body, String(Math.floor(Date.now() / 1000) + skew));
      expect([res.statusCode, res.json().error.code]).toEqual([401, 'HERALD_ERR_REPLAY']);
    }
    const bare = await h.app.inject({
      method: 'POST',
      url: `/webhooks/receipts/${wecom}`,
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect([bare.statusCode, bare.json().error.code]).toEqual([400, 'HERALD_ERR_VALIDATION']);
  });

  it('random signed bodies to forms and receipts: no 5xx, coded refusals, nothing half-written', async () => {
    const receiptItem = fc.record(
      {
        providerMessageId: fc.oneof(fc.string(), fc.integer()),
        recipient: fc.string(),
        type: fc.oneof(fc.constantFrom('delivered', 'read', 'replied'), fc.string()),
        at: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string(),
        ),
      },
      { requiredKeys: [] },
    );
    const receiptsBody = fc.oneof(
      fc.jsonValue(),
      fc.record({ receipts: fc.array(receiptItem, { maxLength: 5 }) }),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(receiptsBody, async (b) => {
        const raw = typeof b === 'string' ? b : JSON.stringify(b);
        tally.receipts++;
        await refusedCleanly(await receipt(raw), await inboundCount(), `receipts ${raw.slice(0, 200)}`);
      }),
      { numRuns: 200 },
    );
    const contact = fc.record(
      {
        externalId: fc.string({ maxLength: 30 }),
        email: fc.oneof(fc.emailAddress(), fc.string()),
        phone: fc.string({ maxLength: 60 }),
        name: fc.string(),
      },
      { requiredKeys: [] },
    );
    const formBody = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          submissionId: fc.oneof(fc.string({ maxLength: 40 }), fc.integer()),
          contact,
          fields: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
          submittedAt: fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            fc.string(),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(formBody, async (b) => {
        const raw = JSON.stringify(b);
        const ts = now();
        const before = await inboundCount();
        tally.forms++;
        const res = await post(raw, { 'x-herald-timestamp': ts, 'x-herald-signature': sign('forms-secret', ts, raw) });
        await refusedCleanly(res, before, `forms ${raw.slice(0, 200)}`);
        if (res.statusCode === 202) expect(await inboundCount()).toBeLessThanOrEqual(before + 1);
      }),
      { numRuns: 300 },
    );
  });
});
