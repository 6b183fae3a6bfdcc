import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@herald/db';
import { broadcastJourney, followJourney } from '@herald/engine/testing';
import { publish } from '../fixtures/seed';
import { buildApp } from '@herald/api';
import { openEgress, setEgressPolicy } from '@herald/channels';
import { bearer, createApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness();
});
afterAll(async () => {
  await h?.close();
});

const count = async (table: string) =>
  ((await h.db.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as Array<{ n: number }>)[0]!
    .n;
const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, key = h.key) =>
  h.app.inject({ method, url, headers: bearer(key), ...(body === undefined ? {} : { payload: body as object }) });

describe('authentication and workspace isolation', () => {
  it('refuses requests without a key, or with a wrong one, with a coded 401', async () => {
    const none = await h.app.inject({ method: 'GET', url: '/api/contacts' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('HERALD_ERR_UNAUTHORIZED');
    const wrong = await call('GET', '/api/contacts', undefined, 'hk_000000000000_nope');
    expect(wrong.statusCode).toBe(401);
  });

  it('signs a member in with the printed password and knows who they are', async () => {
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: h.email, password: 'not-it' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('HERALD_ERR_BAD_CREDENTIALS');
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: h.email, password: h.password },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'herald_session');
    expect(cookie?.httpOnly).toBe(true);
    const me = await h.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { herald_session: cookie!.value } });
    expect(me.json()).toMatchObject({ workspaceId: h.workspaceId, member: { email: h.email } });
    await h.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { herald_session: cookie!.value } });
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { herald_session: cookie!.value } }))
        .statusCode,
    ).toBe(401);
  });

  it('marks the session cookie Secure over https (through a trusted proxy), and not over plain http', async () => {
    const login = {
      method: 'POST' as const,
      url: '/api/auth/login',
      payload: { email: h.email, password: h.password },
    };
    const secureOf = (res: Awaited<ReturnType<typeof h.app.inject>>) =>
      res.cookies.find((c) => c.name === 'herald_session')?.secure ?? false;
    expect(secureOf(await h.app.inject(login))).toBe(false);
    // Without trusting a proxy, a client cannot claim https for itself.
    expect(secureOf(await h.app.inject({ ...login, headers: { 'x-forwarded-proto': 'https' } }))).toBe(false);
    const proxied = await buildApp(h.deps, { trustProxy: true });
    const always = await buildApp(h.deps, { secureCookies: true });
    try {
      expect(secureOf(await proxied.inject({ ...login, headers: { 'x-forwarded-proto': 'https' } }))).toBe(true);
      expect(secureOf(await proxied.inject(login))).toBe(false);
      expect(secureOf(await always.inject(login))).toBe(true);
    } finally {
      await proxied.close();
      await always.close();
    }
  });

  it("lets another workspace's key see and change nothing of this one", async () => {
    const created = await call('POST', '/api/contacts', { externalId: 'iso-1', name: 'Private' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await call('GET', `/api/contacts/${id}`, undefined, h.otherKey)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/contacts/${id}`, { name: 'Hacked' }, h.otherKey)).statusCode).toBe(404);
    expect((await call('GET', '/api/contacts?search=Private', undefined, h.otherKey)).json().items).toEqual([]);
    expect((await call('GET', `/api/contacts/${id}`)).json().name).toBe('Private');
  });
});

describe('contacts', () => {
  it('imports JSON idempotently on external ids, with identities and tags', async () => {
    const body = {
      contacts: Array.from({ length: 3 }, (_, i) => ({
        externalId: `imp-${i}`,
        name: `Imported ${i}`,
        identities: [{ kind: 'email', value: `imp${i}@example.com` }],
        tags: ['Imported'],
      })),
    };
    expect((await call('POST', '/api/contacts/import', body)).json()).toEqual({ created: 3, updated: 0 });
    expect((await call('POST', '/api/contacts/import', body)).json()).toEqual({ created: 0, updated: 3 });
    const tags = (await call('GET', '/api/tags')).json().items as Array<{ id: string; name: string }>;
    const imported = tags.find((t) => t.name === 'Imported')!;
    expect((await call('GET', `/api/contacts?tagId=${imported.id}`)).json().items).toHaveLength(3);
  });

  it('imports a CSV and reports a bad row by its line number, writing nothing', async () => {
    const csv =
      'external_id,name,email,tags\ncsv-1,"Wang, Fang",wang@example.com,CSV|VIP\ncsv-2,Li,li@example.com,CSV\n';
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      headers: { ...bearer(h.key), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(ok.json()).toEqual({ created: 2, updated: 0 });
    const before = await count('contacts');
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      headers: { ...bearer(h.key), 'content-type': 'text/csv' },
      payload: 'external_id,name\ncsv-3,A\n,Missing id\n',
    });
    expect(bad.statusCode).toBe(400);
    // The line of the file (the header is line 1), and what is wrong with it in words.
    expect(bad.json().error.message).toBe(
      'Line 3: external_id is empty; every contact needs its own id from your system.',
    );
    expect(await count('contacts')).toBe(before);
  });
});

describe('channel accounts', () => {
  it('never returns credentials and stores them encrypted', async () => {
    const res = await call('POST', '/api/channel-accounts', {
      kind: 'wecom',
      name: 'Acme WeCom',
      baseUrl: 'http://127.0.0.1:9',
      settings: { corpId: 'c' },
      credentials: { secret: 'top-secret-value' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toContain('top-secret-value');
    expect(res.json().hasCredentials).toBe(true);
    const stored = await h.db.db.execute(sql`select credentials_encrypted from channel_accounts`);
    expect(JSON.stringify(stored)).not.toContain('top-secret-value');
  });
});

describe('journeys', () => {
  it('refuses to publish an invalid graph with the issue list, writing no version', async () => {
    const accounts = (await call('GET', '/api/channel-accounts')).json().items as Array<{ id: string }>;
    const graph = followJourney({ channelAccountId: accounts[0]!.id, method: 'wecom_group_msg', groupName: 'x' });
    const created = await call('POST', '/api/journeys', { name: 'Welcome', graph });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const validate = await call('POST', `/api/journeys/${id}/validate`);
    expect(validate.json().issues.map((i: { code: string }) => i.code)).toContain('HERALD_ERR_METHOD_NOT_REALTIME');
    const publish = await call('POST', `/api/journeys/${id}/publish`);
    expect(publish.statusCode).toBe(422);
    expect(publish.json().error.code).toBe('HERALD_ERR_JOURNEY_INVALID');
    expect(publish.json().error.details.issues[0].message).toMatch(/agent message instead/);
    expect(await count('journey_versions')).toBe(0);

    // Fixed: an agent message, and the follow trigger on an official account of this workspace.
    const oa = await call('POST', '/api/channel-accounts', {
      kind: 'wechat_service',
      name: 'Welcome OA',
      baseUrl: 'http://127.0.0.1:9',
      settings: { appId: 'wx-welcome' },
      credentials: { secret: 's' },
    });
    const drawn = followJourney({ channelAccountId: accounts[0]!.id });
    const fixed = await call('PUT', `/api/journeys/${id}/graph`, {
      graph: {
        ...drawn,
        nodes: drawn.nodes.map((n) => (n.kind === 'follow' ? { ...n, data: { channelAccountId: oa.json().id } } : n)),
      },
    });
    expect(fixed.statusCode).toBe(200);
    const published = await call('POST', `/api/journeys/${id}/publish`);
    expect(published.json()).toMatchObject({ version: 1, mode: 'realtime' });
    expect((await call('GET', `/api/journeys/${id}`)).json().versions).toHaveLength(1);
  });

  it('refuses a graph that is not one', async () => {
    const res = await call('POST', '/api/journeys', {
      name: 'Bad',
      graph: { nodes: [{ kind: 'teleport' }], edges: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('HERALD_ERR_VALIDATION');
  });
});

describe('broadcasts', () => {
  it('refuses a timed broadcast less than 5 minutes ahead and writes nothing', async () => {
    const accounts = (await call('GET', '/api/channel-accounts')).json().items as Array<{ id: string }>;
    const before = await count('broadcasts');
    const res = await call('POST', '/api/broadcasts', {
      name: 'Too soon',
      channelAccountId: accounts[0]!.id,
      method: 'wecom_group_msg',
      groupName: 'g',
      messages: [{ type: 'text', text: 'hi' }],
      audience: { kind: 'all' },
      sendType: 'timed',
      sendAt: new Date(Date.now() + 4 * 60_000).toISOString(),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('HERALD_ERR_SEND_TIME_TOO_SOON');
    expect(await count('broadcasts')).toBe(before);
    expect(await count("journeys where kind = 'broadcast'")).toBe(0);
  });

  it('refuses an attachment type that is not allowed, writing nothing', async () => {
    const accounts = (await call('GET', '/api/channel-accounts')).json().items as Array<{ id: string }>;
    const res = await call('POST', '/api/broadcasts', {
      name: 'Exe',
      channelAccountId: accounts[0]!.id,
      method: 'wecom_agent',
      messages: [{ type: 'file', attachment: { materialId: 'm', filename: 'setup.exe' } }],
      audience: { kind: 'all' },
      sendType: 'immediate',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.issues[0].code).toBe('HERALD_ERR_ATTACHMENT_TYPE');
    expect(await count('broadcasts')).toBe(0);
  });
});

describe('egress policy', () => {
  it('refuses an account whose base URL the policy forbids (metadata, host off the list), writes nothing', async () => {
    const before = await count('channel_accounts');
    setEgressPolicy({ hosts: null, allowPrivate: false });
    try {
      const metadata = await call('POST', '/api/channel-accounts', {
        kind: 'wecom',
        name: 'Metadata',
        baseUrl: 'http://169.254.169.254',
        settings: {},
        credentials: { secret: 's' },
      });
      expect(metadata.statusCode).toBe(422);
      expect(metadata.json().error.code).toBe('HERALD_ERR_CHANNEL_TARGET_REFUSED');
      const smtp = await call('POST', '/api/channel-accounts', {
        kind: 'email',
        name: 'Internal mail',
        baseUrl: 'smtp://127.0.0.1:25',
        settings: {},
        credentials: {},
      });
      expect(smtp.statusCode).toBe(422);
      setEgressPolicy({ hosts: ['qyapi.weixin.qq.com'], allowPrivate: true });
      const offList = await call('POST', '/api/channel-accounts', {
        kind: 'wecom',
        name: 'Elsewhere',
        baseUrl: 'http://127.0.0.1:9',
        settings: {},
        credentials: { secret: 's' },
      });
      expect(offList.statusCode).toBe(422);
      expect(offList.json().error.message).toContain('HERALD_CHANNEL_HOSTS');
      expect(await count('channel_accounts')).toBe(before);
    } finally {
      setEgressPolicy(openEgress);
    }
  });
});

describe('workspace settings and the dry-run count', () => {
  it('sets a frequency cap (checked, recorded, per workspace); the preview counts net of quotas and cap', async () => {
    expect((await call('GET', '/api/workspace/settings')).json()).toMatchObject({ frequencyCap: null });
    const bad = await call('PUT', '/api/workspace/settings', { frequencyCap: { limit: 0, window: 'day' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('HERALD_ERR_VALIDATION');
    expect(
      (await call('PUT', '/api/workspace/settings', { frequencyCap: { limit: 2, window: 'fortnight' } })).statusCode,
    ).toBe(400);
    expect((await call('GET', '/api/workspace/settings')).json().frequencyCap).toBeNull();

    // Five reachable contacts for a WeCom group message; one already had one today, one is at the cap.
    const account = (
      await call('POST', '/api/channel-accounts', {
        kind: 'wecom',
        name: 'Preview WeCom',
        baseUrl: 'http://127.0.0.1:9',
        settings: { corpId: 'p' },
        credentials: { secret: 's' },
      })
    ).json() as { id: string };
    // WeCom reaches contacts through the employees who own them.
    await call('POST', '/api/employees', { wecomUserId: 'pv-owner', name: 'PV Owner' });
    await call('POST', '/api/contacts/import', {
      contacts: Array.from({ length: 6 }, (_, i) => ({
        externalId: `pv-${i}`,
        name: `PV ${i}`,
        identities: i < 5 ? [{ kind: 'wecom_external_userid', value: `wm-pv-${i}` }] : [],
        tags: ['Preview'],
        owners: ['pv-owner'],
      })),
    });
    const tag = ((await call('GET', '/api/tags')).json().items as Array<{ id: string; name: string }>).find(
      (t) => t.name === 'Preview',
    )!;
    const preview = async () =>
      (
        await call('POST', '/api/broadcasts/preview', {
          channelAccountId: account.id,
          method: 'wecom_group_msg',
          audience: { kind: 'tags', mode: 'any', tagIds: [tag.id], excludeTagIds: [] },
        })
      ).json();
    expect(await preview()).toEqual({ audience: 6, reachable: 5, sendable: 5 });
    // Quotas and caps are read from the delivery ledger: messages sent earlier today.
    const earlier = await publish(h.db.db, h.workspaceId, broadcastJourney({ channelAccountId: account.id }));
    const sentToday = (externalId: string, method: string, node: string) =>
      h.db.db.execute(sql`
      insert into deliveries (workspace_id, run_id, node_id, contact_id, channel_account_id, method, recipient, status)
      select ${h.workspaceId}::uuid, ${earlier.runId}::uuid, ${node}, c.id, ${account.id}::uuid, ${method},
        i.value, 'sent'
      from contacts c join contact_identities i on i.contact_id = c.id where c.external_id = ${externalId}
        and c.workspace_id = ${h.workspaceId}::uuid`);
    await sentToday('pv-0', 'wecom_group_msg', 'a');
    expect(await preview()).toEqual({ audience: 6, reachable: 5, sendable: 4 });

    const saved = await call('PUT', '/api/workspace/settings', { frequencyCap: { limit: 2, window: 'day' } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ frequencyCap: { limit: 2, window: 'day' }, updatedAt: expect.any(String) });
    expect((await call('GET', '/api/workspace/settings', undefined, h.otherKey)).json().frequencyCap).toBeNull();
    await sentToday('pv-1', 'wecom_agent', 'b');
    await sentToday('pv-1', 'wecom_agent', 'c');
    expect(await preview()).toEqual({ audience: 6, reachable: 5, sendable: 3 });
    await call('PUT', '/api/workspace/settings', { frequencyCap: null });
    expect(await preview()).toEqual({ audience: 6, reachable: 5, sendable: 4 });
  });

  it('sets quiet hours (a real time zone, a start and an end that differ) without touching the cap', async () => {
    await call('PUT', '/api/workspace/settings', { frequencyCap: { limit: 5, window: 'week' } });
    for (const quietHours of [
      { start: '21:00', end: '08:00', timezone: 'Mars/Olympus' },
      { start: '21:00', end: '21:00', timezone: 'UTC' },
      { start: '25:00', end: '08:00', timezone: 'UTC' },
    ]) {
      const res = await call('PUT', '/api/workspace/settings', { quietHours });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('HERALD_ERR_VALIDATION');
    }
    const saved = await call('PUT', '/api/workspace/settings', {
      quietHours: { start: '21:00', end: '08:00', timezone: 'Asia/Shanghai' },
    });
    expect(saved.json()).toMatchObject({
      frequencyCap: { limit: 5, window: 'week' },
      quietHours: { start: '21:00', end: '08:00', timezone: 'Asia/Shanghai' },
    });
    expect((await call('GET', '/api/workspace/settings')).json()).toMatchObject({
      frequencyCap: { limit: 5, window: 'week' },
      quietHours: { timezone: 'Asia/Shanghai' },
    });
    await call('PUT', '/api/workspace/settings', { frequencyCap: null, quietHours: null });
    expect((await call('GET', '/api/workspace/settings')).json()).toMatchObject({
      frequencyCap: null,
      quietHours: null,
    });
  });
});

describe('events', () => {
  it('accepts the same event ten times and stores it once', async () => {
    const event = { id: 'evt-ten', type: 'purchase', contact: { externalId: 'buyer-1' }, properties: { amount: 10 } };
    const results = [];
    for (let i = 0; i < 10; i++) results.push((await call('POST', '/api/events', event)).json());
    expect(results[0]).toEqual({ accepted: 1, duplicates: 0 });
    expect(results.slice(1).every((r) => r.accepted === 0 && r.duplicates === 1)).toBe(true);
    expect(await count("inbound_events where external_id = 'evt-ten'")).toBe(1);
  });

  it('stores 300 single events posted at once (sharing commits): 250 accepted, 50 duplicates', async () => {
    const post = (i: number) =>
      call('POST', '/api/events', {
        id: `burst-${i % 250}`,
        type: 'page_view',
        contact: { externalId: `burst-fan-${i % 40}` },
        properties: { i },
      });
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => post(i)));
    expect(answers.every((a) => a.statusCode === 202)).toBe(true);
    const bodies = answers.map((a) => a.json() as { accepted: number; duplicates: number });
    expect(bodies.reduce((n, b) => n + b.accepted, 0)).toBe(250);
    expect(bodies.reduce((n, b) => n + b.duplicates, 0)).toBe(50);
    expect(await count("inbound_events where external_id like 'burst-%'")).toBe(250);
    expect(await count("contacts where external_id like 'burst-fan-%'")).toBe(40);
  });

  it('stores an event whose new contact another request is creating at that moment (not a duplicate)', async () => {
    // Another writer inserts the contact and holds its transaction open while the event arrives:
    // the event's insert has to wait for that commit and must then find the contact.
    let commit!: () => void;
    const held = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let inserted!: () => void;
    const contactWritten = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const other = h.db.db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into contacts (workspace_id, external_id, name)
          values (${h.workspaceId}::uuid, 'race-fan', 'Other writer')`,
      );
      inserted();
      await held;
    });
    await contactWritten;
    const answer = call('POST', '/api/events', {
      id: 'race-1',
      type: 'page_view',
      contact: { externalId: 'race-fan' },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await other;
    expect((await answer).json()).toEqual({ accepted: 1, duplicates: 0 });
    expect(await count("inbound_events where external_id = 'race-1'")).toBe(1);
    expect(await count("contacts where external_id = 'race-fan'")).toBe(1);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with a coded 400 and an oversized body with 413', async () => {
    const malformed = await h.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...bearer(h.key), 'content-type': 'application/json' },
      payload: '{"id": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('HERALD_ERR_MALFORMED_BODY');
    const huge = await h.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...bearer(h.key), 'content-type': 'application/json' },
      payload: JSON.stringify({
        id: 'x',
        type: 't',
        contact: { externalId: 'y' },
        properties: { blob: 'x'.repeat(2 * 1024 * 1024) },
      }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('HERALD_ERR_BODY_TOO_LARGE');
  });

  it('names what is wrong with an event, whether one was posted or a batch', async () => {
    const problem = async (body: unknown) => {
      const res = await call('POST', '/api/events', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('HERALD_ERR_VALIDATION');
      return res.json().error.message as string;
    };
    const before = await count('inbound_events');
    // A field misspelt in one event: the event's field is named, not the batch shape it might have been.
    expect(await problem({ id: 'e1', typ: 'purchase', contact: { externalId: 'fan-1' } })).toContain(
      '/type is required',
    );
    // An event inside a batch: its place in the batch.
    expect(await problem({ events: [{ id: 'e2', type: 'purchase' }] })).toContain('/events/0/contact is required');
    // A batch that is not a list.
    expect(await problem({ events: 'e3' })).toMatch(/\/events .*expected array/);
    expect(await count('inbound_events')).toBe(before);
  });

  it('refuses an action the status does not allow (pausing a completed broadcast)', async () => {
    const [ws] = (await h.db.db.execute(sql`select id from workspaces where slug = 'default'`)) as unknown as Array<{
      id: string;
    }>;
    const [j] = (await h.db.db.execute(
      sql`insert into journeys (workspace_id, name, kind, draft_graph)
        values (${ws!.id}::uuid, 'done', 'broadcast', '{}'::jsonb) returning id`,
    )) as unknown as Array<{ id: string }>;
    const [b] = (await h.db.db.execute(
      sql`insert into broadcasts (workspace_id, journey_id, name, method, send_type, status)
        values (${ws!.id}::uuid, ${j!.id}::uuid, 'Done', 'wecom_agent', 'immediate', 'completed') returning id`,
    )) as unknown as Array<{ id: string }>;
    const res = await call('POST', `/api/broadcasts/${b!.id}/pause`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('HERALD_ERR_INVALID_STATE');
  });
});
