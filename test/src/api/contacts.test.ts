// Contacts as a marketer meets them: an openid imported by CSV is the contact a follow names (bound to
// that account from then on), the same person known twice can be merged keeping both timelines, and
// the lists page, sort and search on the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wechatSignature } from '../../../api/src/routes/wechat-webhook.routes';
import { addAccount, bearer, createApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers = {}) =>
  h.app.inject({
    method,
    url,
    headers: { ...bearer(h.key), ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });
const csv = (text: string) => call('POST', '/api/contacts/import', text, { 'content-type': 'text/csv' });

/** A signed WeChat callback for one fan, as the platform sends it. */
async function wechatCallback(accountId: string, openid: string, xml: string) {
  const ts = String(Math.floor(Date.now() / 1000));
  const query = `signature=${wechatSignature('cb-token', ts, 'n1')}&timestamp=${ts}&nonce=n1`;
  return h.app.inject({
    method: 'POST',
    url: `/webhooks/wechat/${accountId}?${query}`,
    headers: { 'content-type': 'text/xml' },
    payload:
      `<xml><ToUserName>gh</ToUserName><FromUserName>${openid}</FromUserName>` +
      `<CreateTime>${ts}</CreateTime>${xml}</xml>`,
  });
}

beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('identities', () => {
  it('a follow of an openid imported without an account reaches that contact and binds it to the account', async () => {
    const oa = await addAccount(h, {
      kind: 'wechat_service',
      name: 'Bind OA',
      settings: { appId: 'wx-bind' },
      credentials: { callbackToken: 'cb-token' },
    });
    const other = await addAccount(h, {
      kind: 'wechat_service',
      name: 'Other OA',
      settings: { appId: 'wx-other' },
      credentials: { callbackToken: 'cb-token' },
    });
    expect((await csv('external_id,name,wechat_openid\nmei-1,Mei,o-mei\n')).json()).toEqual({ created: 1, updated: 0 });
    const before = (await call('GET', '/api/contacts?search=Mei')).json();
    expect(before.total).toBe(1);
    const mei = before.items[0].id as string;

    const follow = await wechatCallback(oa, 'o-mei', '<MsgType>event</MsgType><Event>subscribe</Event>');
    expect(follow.statusCode).toBe(200);
    // No second, nameless contact: the follow is Mei's.
    expect((await call('GET', '/api/contacts?search=o-mei')).json()).toMatchObject({ total: 1, items: [{ id: mei }] });
    const timeline = (await call('GET', `/api/contacts/${mei}/timeline`)).json().items;
    expect(timeline).toMatchObject([{ kind: 'event', type: 'follow', source: `wechat:${oa}` }]);
    expect((await call('GET', `/api/contacts/${mei}`)).json().identities).toEqual([
      { kind: 'wechat_openid', value: 'o-mei', channelAccountId: oa },
    ]);
    // Bound to the first account: the same openid on another account is another fan (openids are per account).
    await wechatCallback(other, 'o-mei', '<MsgType>text</MsgType><Content>hi</Content><MsgId>m-1</MsgId>');
    const both = (await call('GET', '/api/contacts?search=o-mei')).json();
    expect(both.total).toBe(2);
  });
});

describe('callbacks in a burst', () => {
  it('60 callbacks at once for 20 fans (new, or imported with no account): a contact per fan, all events', async () => {
    const oa = await addAccount(h, {
      kind: 'wechat_service',
      name: 'Burst OA',
      settings: { appId: 'wx-burst' },
      credentials: { callbackToken: 'cb-token' },
    });
    // Ten of the fans were imported by CSV with their openid and no account; ten are new.
    const imported = Array.from({ length: 10 }, (_, i) => `burst-${i},Fan ${i},o-burst-${i}`);
    const file = ['external_id,name,wechat_openid', ...imported, ''].join('\n');
    expect((await csv(file)).json()).toEqual({ created: 10, updated: 0 });
    const calls = Array.from({ length: 60 }, (_, i) => {
      const fan = i % 20;
      const xml =
        i < 20
          ? '<MsgType>event</MsgType><Event>subscribe</Event>'
          : `<MsgType>text</MsgType><Content>hi ${i}</Content><MsgId>burst-m-${i}</MsgId>`;
      return wechatCallback(oa, `o-burst-${fan}`, xml);
    });
    const answers = await Promise.all(calls);
    expect(answers.map((a) => a.body)).toEqual(Array(60).fill('success'));
    const fans = (await call('GET', '/api/contacts?search=o-burst&limit=100')).json();
    expect(fans.total).toBe(20);
    // The imported ten kept their names and are bound to the account; nobody is there twice.
    expect(fans.items.filter((c: { name: string }) => c.name.startsWith('Fan ')).length).toBe(10);
    for (const c of fans.items as Array<{ id: string }>) {
      const timeline = (await call('GET', `/api/contacts/${c.id}/timeline`)).json().items as Array<{ kind: string }>;
      expect(timeline.filter((t) => t.kind === 'event')).toHaveLength(3);
    }
  });
});

describe('importing a CSV', () => {
  it('reads 100,000 rows with csv-parse (a quoted name over two lines too), refuses one more, in words', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `bulk-${i},Bulk ${i},+8617${String(i).padStart(9, '0')}`);
    rows[5] = 'bulk-5,"Wang\nFang, Jr.",+86170000000005';
    const started = await csv(`external_id,name,phone\n${rows.join('\n')}\n`);
    expect(started.json()).toEqual({ created: 100_000, updated: 0 });
    const wang = (await call('GET', '/api/contacts?search=bulk-5')).json().items[0];
    expect(wang.name).toBe('Wang\nFang, Jr.');
    const tooMany = await csv(`external_id,name\n${rows.map((r) => r.split(',')[0]).join('\n')}\nbulk-extra\n`);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error).toEqual({
      code: 'HERALD_ERR_IMPORT_TOO_LARGE',
      message: 'The file has more than 100,000 contacts; import at most 100,000 at a time (split the file).',
    });
    const unclosed = await csv('external_id,name\nq-1,"Never closed\n');
    expect(unclosed.json().error.message).toMatch(
      /^The file is not a CSV Herald can read \(line \d\): check that quotes/,
    );
  });
});

describe('merging contacts', () => {
  it('folds a second contact into the first: identities, tags and both timelines, and the second is gone', async () => {
    await csv(
      'external_id,name,phone,wechat_openid,tags\nli-crm,Li Wei,+8613800000001,,VIP\nli-shop,,,o-li,Shopper|VIP\n',
    );
    const find = async (q: string) => (await call('GET', `/api/contacts?search=${q}`)).json().items[0].id as string;
    const keep = await find('li-crm');
    const other = await find('li-shop');
    await call('POST', '/api/events', { id: 'e-keep', type: 'purchase', contact: { id: keep } });
    await call('POST', '/api/events', { id: 'e-other', type: 'form_view', contact: { id: other } });

    const merged = await call('POST', `/api/contacts/${keep}/merge`, { otherId: other });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ id: keep, name: 'Li Wei', externalId: 'li-crm' });
    expect(
      merged
        .json()
        .identities.map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`)
        .sort(),
    ).toEqual(['phone:+8613800000001', 'wechat_openid:o-li']);
    expect(
      merged
        .json()
        .tags.map((t: { name: string }) => t.name)
        .sort(),
    ).toEqual(['Shopper', 'VIP']);
    const types = (await call('GET', `/api/contacts/${keep}/timeline`))
      .json()
      .items.map((i: { type: string }) => i.type);
    expect(types.sort()).toEqual(['form_view', 'purchase']);
    expect((await call('GET', `/api/contacts/${other}`)).statusCode).toBe(404);
    const self = await call('POST', `/api/contacts/${keep}/merge`, { otherId: keep });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toBe('A contact cannot be merged into itself; choose another.');
  });
});

describe('lists', () => {
  it('pages, sorts and searches the contacts on the server, with tags', async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) =>
        `list-${String(i).padStart(2, '0')},Lister ${String(i).padStart(2, '0')},` +
        `+86139${String(i).padStart(8, '0')},Listed`,
    );
    await csv(`external_id,name,phone,tags\n${rows.join('\n')}\n`);
    const page = async (q: string) => (await call('GET', `/api/contacts?search=Lister&${q}`)).json();
    const first = await page('sort=name&dir=asc&limit=10');
    expect(first.total).toBe(30);
    expect(first.items.map((c: { name: string }) => c.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Lister ${String(i).padStart(2, '0')}`),
    );
    expect(first.items[0].tags).toEqual(['Listed']);
    const third = await page('sort=name&dir=desc&limit=10&offset=20');
    expect(third.items.map((c: { name: string }) => c.name).at(-1)).toBe('Lister 00');
    // The start of a phone number finds its contact.
    expect((await call('GET', '/api/contacts?search=%2B8613900000017')).json().items[0].name).toBe('Lister 17');
    // Sorted by last activity by default: a contact who just did something comes first.
    const active = first.items[5].id as string;
    await call('POST', '/api/events', { id: 'e-active', type: 'click', contact: { id: active } });
    expect((await page('limit=1')).items[0].id).toBe(active);
  });
});
