import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, runs } from '@herald/db';
import { addAccount, bearer, createApiHarness, type ApiHarness } from './api-harness';

// GET /api/contacts/{id}/timeline: events received and messages sent, newest first, in pages.
let h: ApiHarness;
let lin: string;
let quiet: string;
let journeyId: string;

const get = (url: string, key = h.key) => h.app.inject({ method: 'GET', url, headers: bearer(key) });
const post = async (url: string, body: unknown) =>
  (await h.app.inject({ method: 'POST', url, headers: bearer(h.key), payload: body as object })).json();

beforeAll(async () => {
  h = await createApiHarness(null);
  const wechat = await addAccount(h, { kind: 'wechat_service', name: 'Timeline OA', settings: { appId: 'wx-tl' } });
  const wecom = await addAccount(h, {
    kind: 'wecom',
    name: 'Timeline WeCom',
    settings: { corpId: 'corp-tl', agentId: 1 },
  });
  await post('/api/contacts/import', {
    contacts: [
      { externalId: 'tl-lin', name: 'Lin', identities: [{ kind: 'wecom_external_userid', value: 'wm-tl-lin' }] },
      { externalId: 'tl-quiet', name: 'Quiet' },
    ],
  });
  const list = (await get('/api/contacts?limit=500')).json() as { items: Array<{ id: string; externalId: string }> };
  lin = list.items.find((c) => c.externalId === 'tl-lin')!.id;
  quiet = list.items.find((c) => c.externalId === 'tl-quiet')!.id;

  // Three events from Lin, a minute apart.
  for (const [i, type] of ['follow', 'form_submit', 'message_received'].entries()) {
    const res = await post('/api/events', {
      id: `tl-${type}`,
      type,
      contact: { externalId: 'tl-lin' },
      properties: { n: i },
      occurredAt: new Date(Date.UTC(2026, 0, 1, 9, i)).toISOString(),
    });
    expect(res.accepted).toBe(1);
  }
  // A published journey whose send node Lin went through: one message sent, one skipped by quota.
  const journey = await post('/api/journeys', {
    name: 'Welcome journey',
    graph: {
      nodes: [
        { id: 'follow', kind: 'follow', position: { x: 0, y: 0 }, data: { channelAccountId: wechat } },
        {
          id: 'hello',
          kind: 'send',
          position: { x: 0, y: 160 },
          data: {
            channelAccountId: wecom,
            channel: 'wecom',
            method: 'wecom_agent',
            type: 'contacts',
            messages: [
              { type: 'text', text: 'Hello {{contact.name}}' },
              { type: 'text', text: 'Second line' },
            ],
          },
        },
      ],
      edges: [{ id: 'e1', source: 'follow', target: 'hello' }],
      settings: { reentry: { mode: 'never' } },
    },
  });
  journeyId = journey.id;
  const published = await post(`/api/journeys/${journeyId}/publish`, {});
  const [run] = await h.db.db
    .insert(runs)
    .values({ workspaceId: h.workspaceId, journeyVersionId: published.versionId, kind: 'journey', status: 'running' })
    .returning();
  await h.db.db.insert(deliveries).values([
    {
      workspaceId: h.workspaceId,
      runId: run!.id,
      nodeId: 'hello',
      contactId: lin,
      messageIndex: 0,
      method: 'wecom_agent',
      recipient: 'wm-tl-lin',
      status: 'delivered',
      sentAt: new Date(Date.UTC(2026, 0, 1, 9, 5)),
    },
    {
      workspaceId: h.workspaceId,
      runId: run!.id,
      nodeId: 'hello',
      contactId: lin,
      messageIndex: 1,
      method: 'wecom_agent',
      recipient: 'wm-tl-lin',
      status: 'skipped',
      skipReason: 'quota_day',
      createdAt: new Date(Date.UTC(2026, 0, 1, 9, 6)),
    },
  ]);
});

afterAll(async () => {
  await h?.close();
});

describe('GET /api/contacts/{id}/timeline', () => {
  it('lists the events received and the messages sent with their status and text, newest first', async () => {
    const res = await get(`/api/contacts/${lin}/timeline`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.nextCursor).toBeNull();
    expect(
      body.items.map((i: { kind: string; type?: string; status?: string }) => `${i.kind}:${i.type ?? i.status}`),
    ).toEqual(['message:skipped', 'message:delivered', 'event:message_received', 'event:form_submit', 'event:follow']);
    expect(body.items[0]).toMatchObject({
      kind: 'message',
      reason: 'quota_day',
      content: 'Second line',
      title: 'Welcome journey',
      journeyId,
      broadcastId: null,
      at: '2026-01-01T09:06:00.000Z',
    });
    expect(body.items[1]).toMatchObject({
      kind: 'message',
      status: 'delivered',
      content: 'Hello {{contact.name}}',
      recipient: 'wm-tl-lin',
      method: 'wecom_agent',
      at: '2026-01-01T09:05:00.000Z',
    });
    expect(body.items[4]).toMatchObject({
      kind: 'event',
      type: 'follow',
      source: expect.any(String),
      properties: { n: 0 },
      at: '2026-01-01T09:00:00.000Z',
    });
  });

  it('pages with a cursor: every item once, in the same order', async () => {
    const all = (await get(`/api/contacts/${lin}/timeline`))
      .json()
      .items.map((i: { kind: string; id: string }) => `${i.kind}:${i.id}`);
    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(
        `/api/contacts/${lin}/timeline?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Array<{ kind: string; id: string }>; nextCursor: string | null };
      paged.push(...body.items.map((i) => `${i.kind}:${i.id}`));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(paged).toEqual(all);
  });

  it('is empty for a contact with no history', async () => {
    expect((await get(`/api/contacts/${quiet}/timeline`)).json()).toEqual({ items: [], nextCursor: null });
  });

  it("answers 404 for another workspace's contact or an unknown one, and 400 for a made-up cursor", async () => {
    const other = await get(`/api/contacts/${lin}/timeline`, h.otherKey);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('HERALD_ERR_NOT_FOUND');
    expect((await get('/api/contacts/00000000-0000-4000-8000-000000000000/timeline')).statusCode).toBe(404);
    const bad = await get(`/api/contacts/${lin}/timeline?cursor=${encodeURIComponent("1:event:1' or 1=1")}`);
    expect(bad.statusCode).toBe(400);
    expect((await get(`/api/contacts/${lin}/timeline?limit=0`)).statusCode).toBe(400);
  });
});
