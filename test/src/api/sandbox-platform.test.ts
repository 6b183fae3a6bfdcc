// The channel sandbox as the platform, against a listening API: WeChat's server-configuration check, a
// fan's follow, message and menu click posted signed to Herald's callback, a signed form submission,
// and a WeCom task confirmed by its employee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { addAccount, bearer, createApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
let sandbox: Sandbox;
let base: string;
let oa: string;

const api = async (method: 'GET' | 'POST', url: string, body?: unknown, headers = {}) =>
  (
    await h.app.inject({
      method,
      url,
      headers: { ...bearer(h.key), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    })
  ).json();
const platform = async (path: string, body: unknown) =>
  (
    await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).json() as Promise<{ ok: boolean; status: number | null; body: string }>;

beforeAll(async () => {
  sandbox = await startSandbox({ confirmDelayMs: -1, smtpPort: -1 });
  h = await createApiHarness(null, { sandboxUrl: sandbox.url });
  base = await h.app.listen({ host: '127.0.0.1', port: 0 });
  oa = await addAccount(h, {
    kind: 'wechat_service',
    name: 'Sandbox OA',
    baseUrl: sandbox.url,
    settings: { appId: 'wx-platform' },
    credentials: { callbackToken: 'token-1' },
  });
  await api('POST', '/api/contacts/import', 'external_id,name,wechat_openid\nfan-1,Lan,o-lan\n', {
    'content-type': 'text/csv',
  });
});
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
});

describe('the sandbox plays the platform', () => {
  it('saves a server configuration only when Herald passes the check, as WeChat does', async () => {
    const wrong = await platform('/_sandbox/wechat/server-config', {
      appid: 'wx-platform',
      url: `${base}/webhooks/wechat/${oa}`,
      token: 'not-the-token',
    });
    expect(wrong).toMatchObject({ ok: false, status: 401 });
    const right = await platform('/_sandbox/wechat/server-config', {
      appid: 'wx-platform',
      url: `${base}/webhooks/wechat/${oa}`,
      token: 'token-1',
    });
    expect(right).toMatchObject({ ok: true, status: 200 });
    const state = await (await fetch(`${sandbox.url}/_sandbox/platform`)).json();
    expect(state.apps).toContainEqual(
      expect.objectContaining({ id: 'wx-platform', server: `${base}/webhooks/wechat/${oa}` }),
    );
  });

  it("posts a fan's follow, message and menu click to Herald, which files them on the imported contact", async () => {
    for (const action of [
      { kind: 'follow' },
      { kind: 'message', text: 'Any offers?' },
      { kind: 'menu_click', key: 'OFFERS' },
    ])
      expect(
        await platform('/_sandbox/wechat/simulate', { appid: 'wx-platform', openid: 'o-lan', action }),
      ).toMatchObject({
        ok: true,
        body: 'success',
      });
    const contacts = await api('GET', '/api/contacts?search=o-lan');
    expect(contacts.total).toBe(1);
    const timeline = await api('GET', `/api/contacts/${contacts.items[0].id}/timeline`);
    expect(timeline.items.map((i: { type: string }) => i.type).sort()).toEqual(['click', 'follow', 'message']);
    expect(timeline.items.find((i: { type: string }) => i.type === 'message').properties.text).toBe('Any offers?');
    const none = await platform('/_sandbox/wechat/simulate', {
      appid: 'wx-unknown',
      openid: 'o-x',
      action: { kind: 'follow' },
    });
    expect(none).toMatchObject({ ok: false, body: 'No server configuration for wx-unknown: save one first.' });
  });

  it('refuses messages to a fan who unfollowed (43004), until the fan follows again', async () => {
    const { access_token: token } = (await (
      await fetch(`${sandbox.url}/cgi-bin/token?grant_type=client_credential&appid=wx-platform&secret=s`)
    ).json()) as { access_token: string };
    const say = async () =>
      (await (
        await fetch(`${sandbox.url}/cgi-bin/message/custom/send?access_token=${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ touser: 'o-lan', msgtype: 'text', text: { content: 'Welcome back' } }),
        })
      ).json()) as { errcode: number };
    const act = (kind: 'follow' | 'unfollow') =>
      platform('/_sandbox/wechat/simulate', { appid: 'wx-platform', openid: 'o-lan', action: { kind } });
    expect(await act('unfollow')).toMatchObject({ ok: true, body: 'success' });
    expect(await say()).toMatchObject({ errcode: 43004 });
    expect(await act('follow')).toMatchObject({ ok: true, body: 'success' });
    expect(await say()).toMatchObject({ errcode: 0 });
  });

  it('submits a form signed with the workspace secret; Herald refuses the old secret once it is rotated', async () => {
    const first = await api('POST', '/api/workspace/forms-secret');
    expect(first.path).toBe(`/webhooks/forms/${h.workspaceId}/`);
    const url = `${base}${first.path}signup`;
    const submit = (secret: string) =>
      platform('/_sandbox/forms/simulate', {
        url,
        secret,
        contact: { email: 'lan@example.com', name: 'Lan' },
        fields: { plan: 'gold' },
      });
    expect(await submit(first.secret)).toMatchObject({ ok: true, status: 202 });
    const second = await api('POST', '/api/workspace/forms-secret');
    expect(await submit(first.secret)).toMatchObject({ ok: false, status: 401 });
    expect(await submit(second.secret)).toMatchObject({ ok: true, status: 202 });
    const form = await api('GET', '/api/contacts?search=lan%40example.com');
    expect(form.items[0].name).toBe('Lan');
  });

  it('shows a WeCom task until its employee confirms it, then the message arrives', async () => {
    const tokenAnswer = await (await fetch(`${sandbox.url}/cgi-bin/gettoken?corpid=corp-p&corpsecret=s`)).json();
    const task = await (
      await fetch(`${sandbox.url}/cgi-bin/externalcontact/add_msg_template?access_token=${tokenAnswer.access_token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          chat_type: 'single',
          sender: 'zhangsan',
          external_userid: ['wm-1'],
          text: { content: 'Hi' },
        }),
      })
    ).json();
    const before = await (await fetch(`${sandbox.url}/_sandbox/platform`)).json();
    expect(before.tasks).toContainEqual(
      expect.objectContaining({ msgid: task.msgid, confirmed: false, sender: 'zhangsan' }),
    );
    await platform('/_sandbox/wecom/confirm', { msgid: task.msgid });
    const after = await (await fetch(`${sandbox.url}/_sandbox/platform`)).json();
    expect(after.tasks).toContainEqual(expect.objectContaining({ msgid: task.msgid, confirmed: true }));
    expect(after.messages[0]).toMatchObject({ channel: 'wecom', recipient: 'wm-1', content: 'Hi' });
    expect(after.apps).toContainEqual(expect.objectContaining({ id: 'corp-p', platform: 'wecom' }));
  });
});
