import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@herald/db';
import { followJourney } from '@herald/engine/testing';
import { bearer, createApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
const ids: Record<string, string> = {};
beforeAll(async () => {
  h = await createApiHarness();
  const post = async (url: string, body: unknown) => (await h.app.inject({ method: 'POST', url, headers: bearer(h.key), payload: body as object })).json();
  ids.contact = (await post('/api/contacts', { externalId: 'secret-contact', name: 'Secret' })).id;
  ids.tag = (await post('/api/tags', { name: 'Secret tag' })).id;
  ids.account = (await post('/api/channel-accounts', { kind: 'wecom', name: 'Secret account', baseUrl: 'http://127.0.0.1:9', credentials: { secret: 's' } })).id;
  ids.journey = (await post('/api/journeys', { name: 'Secret journey', graph: followJourney({ channelAccountId: ids.account }) })).id;
  const [j] = (await h.db.db.execute(sql`insert into journeys (workspace_id, name, kind, draft_graph) values (${h.workspaceId}::uuid, 'b', 'broadcast', '{}'::jsonb) returning id`)) as unknown as Array<{ id: string }>;
  const [b] = (await h.db.db.execute(sql`insert into broadcasts (workspace_id, journey_id, name, method, send_type, status) values (${h.workspaceId}::uuid, ${j!.id}::uuid, 'Secret broadcast', 'wecom_agent', 'immediate', 'paused') returning id`)) as unknown as Array<{ id: string }>;
  ids.broadcast = b!.id;
});
afterAll(async () => { await h?.close(); });

describe("workspace isolation: another workspace's key can read, change or trigger nothing", () => {
  const routes = (): Array<[string, string, unknown?]> => [
    ['GET', `/api/contacts/${ids.contact}`], ['PATCH', `/api/contacts/${ids.contact}`, { name: 'x' }], ['POST', `/api/contacts/${ids.contact}/tags`, { tagIds: [ids.tag] }],
    ['DELETE', `/api/contacts/${ids.contact}/tags/${ids.tag}`],
    ['GET', `/api/journeys/${ids.journey}`], ['PUT', `/api/journeys/${ids.journey}/graph`, { graph: followJourney() }], ['POST', `/api/journeys/${ids.journey}/validate`],
    ['POST', `/api/journeys/${ids.journey}/publish`], ['POST', `/api/journeys/${ids.journey}/pause`], ['POST', `/api/journeys/${ids.journey}/archive`], ['GET', `/api/journeys/${ids.journey}/stats`],
    ['GET', `/api/broadcasts/${ids.broadcast}`], ['GET', `/api/broadcasts/${ids.broadcast}/recipients`], ['GET', `/api/broadcasts/${ids.broadcast}/employees`],
    ['POST', `/api/broadcasts/${ids.broadcast}/resume`], ['POST', `/api/broadcasts/${ids.broadcast}/cancel`], ['POST', `/api/broadcasts/${ids.broadcast}/copy`, {}],
    ['GET', `/api/broadcasts/${ids.broadcast}/export.csv`], ['GET', `/api/broadcasts/${ids.broadcast}/export.xlsx`],
    ['POST', '/api/broadcasts/preview', { channelAccountId: ids.account, method: 'wecom_agent', audience: { kind: 'all' } }],
  ];

  it('answers 404 on every route that names another workspace\'s resource', async () => {
    for (const [method, url, body] of routes()) {
      const res = await h.app.inject({ method: method as 'GET', url, headers: bearer(h.otherKey), ...(body === undefined ? {} : { payload: body as object }) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('lists none of its resources', async () => {
    for (const url of ['/api/contacts', '/api/tags', '/api/channel-accounts', '/api/journeys', '/api/broadcasts']) {
      const res = await h.app.inject({ method: 'GET', url, headers: bearer(h.otherKey) });
      expect(res.statusCode).toBe(200);
      expect(res.json().items, url).toEqual([]);
    }
  });

  it('left everything as it was', async () => {
    const contact = (await h.app.inject({ method: 'GET', url: `/api/contacts/${ids.contact}`, headers: bearer(h.key) })).json();
    expect(contact).toMatchObject({ name: 'Secret', tags: [] });
    const journey = (await h.app.inject({ method: 'GET', url: `/api/journeys/${ids.journey}`, headers: bearer(h.key) })).json();
    expect(journey).toMatchObject({ status: 'draft', versions: [] });
    const broadcast = (await h.app.inject({ method: 'GET', url: `/api/broadcasts/${ids.broadcast}`, headers: bearer(h.key) })).json();
    expect(broadcast.status).toBe('paused');
  });
});
