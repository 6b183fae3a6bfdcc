// Setting a workspace up through the API the setup pages use: channel accounts (edit, disable, test
// the connection against the sandbox's token endpoints), employees (add, CSV import, sync from WeCom),
// group chats (sync), and the getting-started checklist ticking itself off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { bearer, createApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
let sandbox: Sandbox;

const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers = {}) =>
  h.app.inject({
    method,
    url,
    headers: { ...bearer(h.key), ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });

beforeAll(async () => {
  sandbox = await startSandbox({ confirmDelayMs: 0, smtpPort: 0 });
  h = await createApiHarness(null, { sandboxUrl: sandbox.url });
});
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
});

describe('getting started', () => {
  it('ticks off connect a channel, import contacts, draw something, as each happens', async () => {
    const progress = async () => (await call('GET', '/api/workspace/getting-started')).json();
    expect(await progress()).toEqual({
      channelConnected: false,
      contactsImported: false,
      somethingDrawn: false,
      sandboxUrl: sandbox.url,
    });
    const account = await call('POST', '/api/channel-accounts', {
      kind: 'wecom',
      name: 'Progress WeCom',
      baseUrl: sandbox.url,
      settings: { corpId: 'corp-progress', agentId: 1000002 },
      credentials: { secret: 'secret' },
    });
    expect(await progress()).toMatchObject({ channelConnected: true, contactsImported: false, somethingDrawn: false });
    await call('POST', '/api/contacts', { externalId: 'progress-1', name: 'Mei' });
    expect(await progress()).toMatchObject({ contactsImported: true, somethingDrawn: false });
    await call('POST', '/api/journeys', { name: 'First journey' });
    expect(await progress()).toMatchObject({ channelConnected: true, contactsImported: true, somethingDrawn: true });
    // A disabled account no longer counts as a connected channel.
    await call('PATCH', `/api/channel-accounts/${account.json().id}`, { disabled: true });
    expect(await progress()).toMatchObject({ channelConnected: false });
    await call('PATCH', `/api/channel-accounts/${account.json().id}`, { disabled: false });
  });
});

describe('channel accounts', () => {
  it("tests a WeChat account's credentials on the token endpoint and says what the platform answered", async () => {
    const good = await call('POST', '/api/channel-accounts/test', {
      kind: 'wechat_service',
      baseUrl: sandbox.url,
      settings: { appId: 'wx-test' },
      credentials: { secret: 'app-secret' },
    });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({
      ok: true,
      message: 'WeChat accepted these credentials: it issued an access token valid for 2 hours.',
      called: `${sandbox.url}/cgi-bin/token?grant_type=client_credential&appid=wx-test&secret=•••`,
      answer: { access_token: '•••', expires_in: 7200 },
    });
    const bad = (
      await call('POST', '/api/channel-accounts/test', {
        kind: 'wechat_service',
        baseUrl: sandbox.url,
        settings: { appId: 'wx-test' },
        credentials: { secret: 'wrong' },
      })
    ).json();
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/^WeChat refused these credentials \(errcode 40125\): the AppSecret is not right/);
    expect(bad.answer).toEqual({ errcode: 40125, errmsg: 'invalid appsecret' });
    const missing = (
      await call('POST', '/api/channel-accounts/test', { kind: 'wecom', baseUrl: sandbox.url, credentials: {} })
    ).json();
    expect(missing).toMatchObject({ ok: false, message: 'Enter the Corp ID first.', called: null });
    const unreachable = (
      await call('POST', '/api/channel-accounts/test', {
        kind: 'wecom',
        baseUrl: 'http://127.0.0.1:9',
        settings: { corpId: 'c' },
        credentials: { secret: 's' },
      })
    ).json();
    expect(unreachable.ok).toBe(false);
    expect(unreachable.message).toMatch(/^Herald could not complete the test: cannot reach 127\.0\.0\.1:9/);
  });

  it('edits an account: a blank credential keeps the stored one, a given one replaces it; disables it', async () => {
    const created = await call('POST', '/api/channel-accounts', {
      kind: 'wecom',
      name: 'Edit WeCom',
      baseUrl: sandbox.url,
      settings: { corpId: 'corp-edit', agentId: 1000002 },
      credentials: { secret: 'wrong', receiptsSecret: 'r' },
    });
    expect(created.statusCode).toBe(201);
    const account = created.json();
    expect(account).toMatchObject({
      credentialNames: ['receiptsSecret', 'secret'],
      disabled: false,
      // Where the WeCom app tells Herald what employees did with agent messages.
      callbackPath: `/webhooks/wecom/${account.id}`,
      // WeCom counts its days in China Standard Time unless the account says otherwise.
      quotaTimeZone: 'Asia/Shanghai',
      quotaTimeZoneSet: false,
    });
    expect(JSON.stringify(account)).not.toContain('wrong');
    // The stored secret is wrong: testing by id uses it.
    const stored = (
      await call('POST', '/api/channel-accounts/test', {
        id: account.id,
        kind: 'wecom',
        baseUrl: sandbox.url,
        settings: { corpId: 'corp-edit' },
        credentials: { secret: '' },
      })
    ).json();
    expect(stored).toMatchObject({ ok: false, answer: { errcode: 40001 } });
    const edited = await call('PATCH', `/api/channel-accounts/${account.id}`, {
      name: 'Edited WeCom',
      credentials: { secret: 'right', receiptsSecret: '' },
    });
    expect(edited.json()).toMatchObject({ name: 'Edited WeCom', credentialNames: ['receiptsSecret', 'secret'] });
    const fixed = (
      await call('POST', '/api/channel-accounts/test', {
        id: account.id,
        kind: 'wecom',
        baseUrl: sandbox.url,
        settings: { corpId: 'corp-edit' },
      })
    ).json();
    expect(fixed).toMatchObject({
      ok: true,
      message: 'WeCom accepted these credentials: it issued an access token valid for 2 hours.',
    });
    const disabled = await call('PATCH', `/api/channel-accounts/${account.id}`, { disabled: true });
    expect(disabled.json().disabled).toBe(true);
    const listed = (await call('GET', '/api/channel-accounts'))
      .json()
      .items.find((a: { id: string }) => a.id === account.id);
    expect(listed).toMatchObject({ name: 'Edited WeCom', disabled: true });
    const clash = await call('PATCH', `/api/channel-accounts/${account.id}`, { name: 'Progress WeCom' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('HERALD_ERR_CONFLICT');
  });

  it('gives a WeChat account the callback path the platform posts to', async () => {
    const created = (
      await call('POST', '/api/channel-accounts', {
        kind: 'wechat_service',
        name: 'Callback OA',
        baseUrl: sandbox.url,
        settings: { appId: 'wx-callback' },
        credentials: { secret: 's', callbackToken: 'tok' },
      })
    ).json();
    expect(created.callbackPath).toBe(`/webhooks/wechat/${created.id}`);
  });
});

describe('employees and group chats', () => {
  let wecom: string;
  beforeAll(async () => {
    wecom = (
      await call('POST', '/api/channel-accounts', {
        kind: 'wecom',
        name: 'Directory WeCom',
        baseUrl: sandbox.url,
        settings: { corpId: 'corp-directory', agentId: 1000002 },
        credentials: { secret: 'secret' },
      })
    ).json().id;
  });

  it("syncs the company's members from WeCom, then renames rather than duplicates on a second sync", async () => {
    const first = await call('POST', '/api/employees/sync', { channelAccountId: wecom });
    expect(first.json()).toEqual({ created: 3, updated: 0 });
    expect((await call('POST', '/api/employees/sync', { channelAccountId: wecom })).json()).toEqual({
      created: 0,
      updated: 3,
    });
    const names = (await call('GET', '/api/employees')).json().items.map((e: { name: string }) => e.name);
    expect(names).toEqual(expect.arrayContaining(['Zhang San', 'Li Si', 'Wang Wu']));
  });

  it('imports employees from a CSV (quoted names with commas), and names the line of a bad row', async () => {
    const csv = 'wecom_user_id,name\nzhaoliu,"Zhao, Liu"\nzhangsan,Zhang San (Sales)\n';
    const ok = await call('POST', '/api/employees/import', csv, { 'content-type': 'text/csv' });
    expect(ok.json()).toEqual({ created: 1, updated: 1 });
    const items = (await call('GET', '/api/employees')).json().items as Array<{ wecomUserId: string; name: string }>;
    expect(items.find((e) => e.wecomUserId === 'zhaoliu')?.name).toBe('Zhao, Liu');
    const bad = await call('POST', '/api/employees/import', 'wecom_user_id,name\nok,Fine\n,No id\n', {
      'content-type': 'text/csv',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^Line 3: every employee needs a WeCom user id/);
    const noColumns = await call('POST', '/api/employees/import', 'user,name\na,b\n', { 'content-type': 'text/csv' });
    expect(noColumns.json().error.message).toBe(
      'The first line must name the columns, including wecom_user_id; it names user, name.',
    );
  });

  it('syncs customer group chats with their owners matched to employees', async () => {
    expect((await call('POST', '/api/group-chats/sync', { channelAccountId: wecom })).json()).toEqual({
      created: 2,
      updated: 0,
    });
    const chats = (await call('GET', '/api/group-chats')).json().items as Array<Record<string, unknown>>;
    const employees = (await call('GET', '/api/employees')).json().items as Array<{ id: string; wecomUserId: string }>;
    expect(chats.find((c) => c.chatId === 'wr-vip-customers')).toMatchObject({
      name: 'VIP customers',
      memberCount: 3,
      ownerEmployeeId: employees.find((e) => e.wecomUserId === 'zhangsan')!.id,
    });
    const one = chats.find((c) => c.chatId === 'wr-new-customers')!;
    expect((await call('DELETE', `/api/group-chats/${String(one.id)}`)).statusCode).toBe(204);
    expect((await call('GET', '/api/group-chats')).json().items).toHaveLength(1);
  });

  it('says in words when WeCom refuses, and refuses an account that is not WeCom', async () => {
    const broken = (
      await call('POST', '/api/channel-accounts', {
        kind: 'wecom',
        name: 'Broken WeCom',
        baseUrl: sandbox.url,
        settings: { corpId: 'corp-broken' },
        credentials: { secret: 'wrong' },
      })
    ).json().id;
    const refused = await call('POST', '/api/employees/sync', { channelAccountId: broken });
    expect(refused.statusCode).toBe(502);
    expect(refused.json().error.message).toMatch(/^WeCom did not give the list: /);
    const oa = (
      await call('POST', '/api/channel-accounts', {
        kind: 'wechat_service',
        name: 'Not WeCom',
        baseUrl: sandbox.url,
        settings: { appId: 'wx-x' },
        credentials: { secret: 's' },
      })
    ).json().id;
    const wrongKind = await call('POST', '/api/employees/sync', { channelAccountId: oa });
    expect(wrongKind.statusCode).toBe(422);
    expect(wrongKind.json().error.message).toBe('Employees and group chats come from a WeCom account; choose one.');
  });
});

describe('rails the server keeps whatever the page offers', () => {
  let oa: string;
  let wecom: string;
  beforeAll(async () => {
    const create = async (kind: string, name: string, settings: Record<string, unknown>) =>
      (
        await call('POST', '/api/channel-accounts', {
          kind,
          name,
          baseUrl: sandbox.url,
          settings,
          credentials: { secret: 's' },
        })
      ).json().id as string;
    oa = await create('wechat_service', 'Rails OA', { appId: 'wx-rails' });
    wecom = await create('wecom', 'Rails WeCom', { corpId: 'corp-rails', agentId: 1 });
  });
  const journeyOn = async (trigger: string, send: string) => {
    const graph = {
      nodes: [
        { id: 't', kind: 'follow', position: { x: 0, y: 0 }, data: { channelAccountId: trigger } },
        {
          id: 's',
          kind: 'send',
          position: { x: 0, y: 100 },
          data: {
            channelAccountId: send,
            channel: 'wecom',
            method: 'wecom_agent',
            messages: [{ type: 'text', text: 'Hi' }],
          },
        },
      ],
      edges: [{ id: 'e', source: 't', target: 's' }],
    };
    return (await call('POST', '/api/journeys', { name: 'Rails', graph })).json().id as string;
  };

  it('refuses to publish a follow trigger on a WeCom account, and a send through a disabled account', async () => {
    const onWecom = await call('POST', `/api/journeys/${await journeyOn(wecom, wecom)}/publish`);
    expect(onWecom.statusCode).toBe(422);
    expect(onWecom.json().error.details.issues).toMatchObject([
      { code: 'HERALD_ERR_ACCOUNT_KIND_MISMATCH', nodeId: 't', message: expect.stringMatching(/has no followers/) },
    ]);
    await call('PATCH', `/api/channel-accounts/${wecom}`, { disabled: true });
    try {
      const disabled = await call('POST', `/api/journeys/${await journeyOn(oa, wecom)}/publish`);
      expect(disabled.statusCode).toBe(422);
      expect(disabled.json().error.details.issues[0]).toMatchObject({
        code: 'HERALD_ERR_ACCOUNT_DISABLED',
        nodeId: 's',
      });
      const broadcast = await call('POST', '/api/broadcasts', {
        name: 'Through a disabled account',
        channelAccountId: wecom,
        method: 'wecom_agent',
        messages: [{ type: 'text', text: 'Hi' }],
        audience: { kind: 'all' },
        sendType: 'immediate',
      });
      expect(broadcast.statusCode).toBe(422);
      expect(broadcast.json().error.details.issues[0].code).toBe('HERALD_ERR_ACCOUNT_DISABLED');
    } finally {
      await call('PATCH', `/api/channel-accounts/${wecom}`, { disabled: false });
    }
  });

  it('refuses a send time more than a year ahead and text longer than the channel takes, with codes', async () => {
    const base = {
      name: 'Far away',
      channelAccountId: wecom,
      method: 'wecom_agent',
      audience: { kind: 'all' },
      sendType: 'timed',
    };
    const far = await call('POST', '/api/broadcasts', {
      ...base,
      messages: [{ type: 'text', text: 'Hi' }],
      sendAt: '9999-01-01T00:00:00.000Z',
    });
    expect(far.statusCode).toBe(422);
    expect(far.json().error).toMatchObject({
      code: 'HERALD_ERR_SEND_TIME_TOO_FAR',
      message: 'A timed send can be at most a year ahead; pick an earlier time.',
    });
    const long = await call('POST', '/api/broadcasts', {
      ...base,
      messages: [{ type: 'text', text: '好'.repeat(700) }],
      sendAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(long.statusCode).toBe(422);
    expect(long.json().error.details.issues[0]).toMatchObject({
      code: 'HERALD_ERR_MESSAGE_TOO_LONG',
      message: expect.stringMatching(/^The message is 2,100 bytes long/),
    });
    expect((await call('GET', '/api/broadcasts')).json().total).toBe(0);
  });
});
