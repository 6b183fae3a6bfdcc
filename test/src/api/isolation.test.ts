import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@herald/db';
import { followJourney } from '@herald/engine/testing';
import { loadAccount } from '@herald/channels';
import { testSecretKey } from '../fixtures/seed';
import { addAccount, bearer, createApiHarness, type ApiHarness } from './api-harness';
import { callAs, createKey, inviteMember, publishableJourney } from './team-fixture';
import { devServer, uniqueTaskQueue } from '../temporal/env';

// Every /api route is read from the app's own OpenAPI document, so a route added later without an
// isolation check here fails this file ("does not know how to name …" / "no request for …").
let h: ApiHarness;
let server: Awaited<ReturnType<typeof devServer>>;
const ids: Record<string, string> = {};
let otherWorkspace: string;
type Op = { method: string; path: string };
let ops: Op[] = [];
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(filename: string, bytes: Buffer) {
  const boundary = '----heraldisolation';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: image/png\r\n\r\n',
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const count = async (from: string) =>
  ((await h.db.db.execute(sql.raw(`select count(*)::int as n from ${from}`))) as unknown as Array<{ n: number }>)[0]!.n;

beforeAll(async () => {
  // A real Temporal client (no worker on its queue): the broadcast is made and paused through the API.
  server = await devServer();
  h = await createApiHarness({ client: server.client, taskQueue: uniqueTaskQueue('isolation') });
  const post = async (url: string, body: unknown) =>
    (await h.app.inject({ method: 'POST', url, headers: bearer(h.key), payload: body as object })).json();
  ids.contact = (await post('/api/contacts', { externalId: 'secret-contact', name: 'Secret' })).id;
  ids.twin = (await post('/api/contacts', { externalId: 'secret-twin', name: 'Secret twin' })).id;
  ids.groupChat = (await post('/api/group-chats', { chatId: 'wr-secret', name: 'Secret chat' })).id;
  ids.tag = (await post('/api/tags', { name: 'Secret tag' })).id;
  ids.account = await addAccount(h, { kind: 'wecom', name: 'Secret account' });
  ids.segment = (await post('/api/segments', { name: 'Secret segment', definition: segmentRule() })).id;
  ids.journey = (
    await post('/api/journeys', { name: 'Secret journey', graph: followJourney({ channelAccountId: ids.account }) })
  ).id;
  ids.broadcast = (
    await post('/api/broadcasts', {
      name: 'Secret broadcast',
      channelAccountId: ids.account,
      method: 'wecom_agent',
      messages: [{ type: 'text', text: 'Secret' }],
      audience: { kind: 'all' },
      sendType: 'timed',
      sendAt: new Date(Date.now() + 3600_000).toISOString(),
    })
  ).id;
  await post(`/api/broadcasts/${ids.broadcast}/pause`, {});
  // Its people, keys, invitations and approval requests, made as its owner and a marketer would.
  const owner = { cookie: h.ownerCookie };
  const marketer = await inviteMember(h.app, owner, 'secret-marketer@a.test', 'marketer');
  ids.member = marketer.memberId;
  ids.apiKey = (await createKey(h.app, owner, 'viewer', 'Secret key')).id;
  ids.invitation = (
    await callAs(h.app, owner, 'POST', '/api/invitations', { email: 'secret-invitee@a.test', role: 'viewer' })
  ).json().id;
  await callAs(h.app, owner, 'PUT', '/api/workspace/policies', {
    approvals: { journeys: true, broadcastsAbove: null },
    auditRetentionDays: 30,
  });
  const wechat = await addAccount(h, { kind: 'wechat_service', name: 'Secret OA', settings: { appId: 'wx-secret' } });
  const draft = (
    await callAs(h.app, marketer, 'POST', '/api/journeys', {
      name: 'Secret draft',
      graph: publishableJourney(wechat, ids.account!),
    })
  ).json().id;
  ids.approval = (await callAs(h.app, marketer, 'POST', `/api/journeys/${draft}/publish`)).json().approval.id;
  const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path })),
  );
  if (ops.some((o) => o.path.startsWith('/api/materials'))) {
    const form = multipart('secret.png', png);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/materials?kind=image',
      headers: { ...bearer(h.key), ...form.headers },
      payload: form.payload,
    });
    ids.material = res.json().id;
  }
  otherWorkspace = h.otherWorkspaceId;
});
afterAll(async () => {
  await h?.close();
  await server?.close();
});

/** The id of workspace A's resource that a path parameter names. */
/** A segment's rule: contacts with the secret tag. */
const segmentRule = () => ({ match: 'all', groups: [{ match: 'all', conditions: [{ kind: 'tag', tagId: ids.tag }] }] });

function resourceFor(path: string, param: string): string {
  if (param === 'tagId') return ids.tag!;
  if (param === 'contactId') return ids.contact!;
  if (param === 'accountId') return ids.account!;
  if (param === 'workspaceId') return h.workspaceId;
  if (param === 'version') return '1';
  const base = path.split('/')[2];
  const byBase: Record<string, string | undefined> = {
    contacts: ids.contact,
    journeys: ids.journey,
    broadcasts: ids.broadcast,
    materials: ids.material,
    conversations: ids.broadcast,
    'channel-accounts': ids.account,
    'group-chats': ids.groupChat,
    segments: ids.segment,
    members: ids.member,
    'api-keys': ids.apiKey,
    invitations: ids.invitation,
    approvals: ids.approval,
  };
  const id = byBase[base ?? ''];
  if (!id) throw new Error(`isolation.test.ts does not know how to name a resource for {${param}} in ${path}: add it`);
  return id;
}

/** A valid request body for each write route that names a resource (a 400 would prove nothing). */
const bodies = (): Record<string, unknown> => ({
  'PATCH /api/contacts/{id}': { name: 'Hacked' },
  'POST /api/contacts/{id}/merge': { otherId: ids.twin },
  'PATCH /api/channel-accounts/{id}': { name: 'Hacked', disabled: true },
  'PATCH /api/journeys/{id}': { name: 'Hacked' },
  'POST /api/contacts/{id}/tags': { tagIds: [ids.tag] },
  'PUT /api/journeys/{id}/graph': { graph: followJourney() },
  'POST /api/journeys/{id}/migrate': { dryRun: false },
  'PUT /api/broadcasts/{id}': { name: 'Hacked' },
  'PUT /api/segments/{id}': { name: 'Hacked', definition: segmentRule() },
  'PATCH /api/members/{id}': { role: 'viewer' },
  'PATCH /api/api-keys/{id}': { name: 'Hacked' },
  'POST /api/approvals/{id}/approve': {},
  'POST /api/approvals/{id}/reject': { comment: 'Hacked' },
  'POST /api/broadcasts/{id}/copy': {},
  'POST /api/broadcasts/{id}/send': { sendType: 'immediate' },
  'POST /api/broadcasts/{id}/export/email': { format: 'csv', to: ['thief@example.com'], subject: 'x' },
  'POST /api/conversations/{contactId}/scheduled-messages': {
    channelAccountId: ids.account,
    method: 'wecom_agent',
    messages: [{ type: 'text', text: 'x' }],
    sendAt: new Date(Date.now() + 3600_000).toISOString(),
  },
});
const noBody = new Set(['DELETE', 'GET']);
const bodiless = [/\/(validate|publish|pause|resume|archive|cancel|revoke)$/];

describe("workspace isolation: another workspace's key can read, change or trigger nothing", () => {
  it("answers 404 on every /api route that names another workspace's resource, and changes nothing", async () => {
    const named = ops.filter((o) => o.path.startsWith('/api/') && o.path.includes('{'));
    expect(named.length).toBeGreaterThan(25);
    const before = {
      versions: await count('journey_versions'),
      broadcasts: await count('broadcasts'),
      tags: await count('contact_tags'),
      exports: await count('exports'),
    };
    for (const { method, path } of named) {
      const url = path.replace(/\{(\w+)\}/g, (_m, p: string) => resourceFor(path, p));
      const key = `${method} ${path}`;
      const table = bodies();
      if (!noBody.has(method) && !(key in table) && !bodiless.some((r) => r.test(path)))
        throw new Error(`isolation.test.ts has no request for ${key}: add a valid body`);
      const body = table[key];
      const res = await h.app.inject({
        method: method as 'GET',
        url,
        headers: bearer(h.otherKey),
        ...(body === undefined ? {} : { payload: body as object }),
      });
      expect(res.statusCode, `${key} → ${res.body.slice(0, 200)}`).toBe(404);
      expect(res.json().error.code, key).toMatch(/^HERALD_ERR_/);
    }
    expect({
      versions: await count('journey_versions'),
      broadcasts: await count('broadcasts'),
      tags: await count('contact_tags'),
      exports: await count('exports'),
    }).toEqual(before);
  });

  it('lists none of its resources on any list route', async () => {
    const lists = ops.filter(
      (o) =>
        o.method === 'GET' &&
        o.path.startsWith('/api/') &&
        !o.path.includes('{') &&
        o.path !== '/api/auth/me' &&
        // The instance administrator's page lists every workspace by design; a workspace's key is refused it.
        !o.path.startsWith('/api/instance/'),
    );
    expect(lists.length).toBeGreaterThanOrEqual(7);
    for (const { path } of lists) {
      const res = await h.app.inject({ method: 'GET', url: path, headers: bearer(h.otherKey) });
      expect(res.statusCode, path).toBe(200);
      expect(res.body, path).not.toMatch(/Secret/);
      for (const id of Object.values(ids)) expect(res.body, path).not.toContain(id);
    }
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(h.otherKey) })).json().workspaceId,
    ).toBe(otherWorkspace);
  });

  it('refuses to use its channel account, tags or contacts from the other workspace', async () => {
    const call = (method: 'POST', url: string, body: unknown) =>
      h.app.inject({ method, url, headers: bearer(h.otherKey), payload: body as object });
    const before = {
      broadcasts: await count('broadcasts'),
      journeys: await count('journeys'),
      versions: await count('journey_versions'),
    };
    const send = {
      channelAccountId: ids.account,
      method: 'wecom_agent',
      messages: [{ type: 'text', text: 'stolen' }],
      sendType: 'immediate',
    };
    for (const audience of [
      { kind: 'all' },
      { kind: 'tags', mode: 'any', tagIds: [ids.tag], excludeTagIds: [] },
      { kind: 'contacts', contactIds: [ids.contact] },
    ]) {
      const res = await call('POST', '/api/broadcasts', { name: 'Stolen', ...send, audience });
      expect(res.statusCode, JSON.stringify(audience)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    const journey = await call('POST', '/api/journeys', {
      name: 'Stolen journey',
      graph: followJourney({ channelAccountId: ids.account }),
    });
    if (journey.statusCode === 201) {
      const published = await call('POST', `/api/journeys/${journey.json().id}/publish`, {});
      expect(published.statusCode, published.body).toBe(422);
      expect(published.json().error.details.issues[0].code).toBe('HERALD_ERR_ACCOUNT_NOT_FOUND');
    }
    expect({ broadcasts: await count('broadcasts'), versions: await count('journey_versions') }).toEqual({
      broadcasts: before.broadcasts,
      versions: before.versions,
    });
    // Its account's stored credentials cannot be tried, nor its address book read, from the other workspace.
    const test = await call('POST', '/api/channel-accounts/test', {
      id: ids.account,
      kind: 'wecom',
      baseUrl: 'http://127.0.0.1:9',
      settings: { corpId: 'c' },
    });
    expect(test.statusCode, test.body).toBe(404);
    for (const path of ['/api/employees/sync', '/api/group-chats/sync'])
      expect((await call('POST', path, { channelAccountId: ids.account })).statusCode, path).toBe(404);
    // A contact of the other workspace cannot be folded into one of its own.
    const mine = await call('POST', '/api/contacts', { externalId: 'thief', name: 'Thief' });
    expect((await call('POST', `/api/contacts/${mine.json().id}/merge`, { otherId: ids.contact })).statusCode).toBe(
      404,
    );
    // An event naming the other workspace's contact by id lands on no contact of that workspace.
    await call('POST', '/api/events', {
      id: 'cross-1',
      type: 'purchase',
      contact: { id: ids.contact },
      properties: {},
    });
    const [touched] = (await h.db.db.execute(
      sql`select count(*)::int as n from inbound_events where contact_id = ${ids.contact}::uuid`,
    )) as unknown as Array<{ n: number }>;
    expect(touched!.n).toBe(0);
  });

  it("never hands one workspace's channel account to another's send, even from the credentials cache", async () => {
    const deps = { db: h.db.db, secretKey: testSecretKey };
    expect((await loadAccount(deps, h.workspaceId, ids.account!)).config.credentials).toEqual({ secret: 's' });
    await expect(loadAccount(deps, otherWorkspace, ids.account!)).rejects.toMatchObject({
      code: 'HERALD_ERR_ACCOUNT_NOT_FOUND',
    });
  });

  it('left everything as it was', async () => {
    const contact = (
      await h.app.inject({ method: 'GET', url: `/api/contacts/${ids.contact}`, headers: bearer(h.key) })
    ).json();
    expect(contact).toMatchObject({ name: 'Secret', tags: [] });
    const journey = (
      await h.app.inject({ method: 'GET', url: `/api/journeys/${ids.journey}`, headers: bearer(h.key) })
    ).json();
    expect(journey).toMatchObject({ status: 'draft', versions: [] });
    const broadcast = (
      await h.app.inject({ method: 'GET', url: `/api/broadcasts/${ids.broadcast}`, headers: bearer(h.key) })
    ).json();
    expect(broadcast).toMatchObject({ status: 'paused', name: 'Secret broadcast' });
  });
});
