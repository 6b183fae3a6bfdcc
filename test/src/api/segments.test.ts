// Segments as a marketer builds them: conditions on tags, typed attributes, events (in N days, at least
// k times, or not at all) in AND/OR groups, counted live; saved, renamed, refused when empty or named
// twice, and invisible to another workspace. Contacts, tags, attributes and events are set up through
// the API a user has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, key?: string) =>
  h.app.inject({
    method,
    url,
    headers: { ...bearer(key ?? h.key), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
let vip = '';
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await createApiHarness();
  // a: vip, plan "gold", 3 purchases this week; b: vip, plan "free", 1 purchase 40 days ago;
  // c: no tag, plan "gold", 1 purchase yesterday; d: vip, score 7 (a number), never bought.
  const csv = 'external_id,name,tags\nseg-a,A,vip\nseg-b,B,vip\nseg-c,C,\nseg-d,D,vip\n';
  const imported = await h.app.inject({
    method: 'POST',
    url: '/api/contacts/import',
    headers: { ...bearer(h.key), 'content-type': 'text/csv' },
    payload: csv,
  });
  expect(imported.statusCode).toBe(200);
  const list = (await call('GET', '/api/contacts?search=&limit=50')).json() as {
    items: Array<{ id: string; name: string }>;
  };
  for (const c of list.items) ids[c.name] = c.id;
  vip = ((await call('GET', '/api/tags')).json() as { items: Array<{ id: string; name: string }> }).items.find(
    (t) => t.name === 'vip',
  )!.id;
  const attrs: Record<string, Record<string, unknown>> = {
    A: { plan: 'gold' },
    B: { plan: 'free' },
    C: { plan: 'gold' },
    D: { score: 7, plan: '7' },
  };
  for (const [name, attributes] of Object.entries(attrs))
    expect((await call('PATCH', `/api/contacts/${ids[name]}`, { attributes })).statusCode).toBe(200);
  const events = [
    ...[1, 2, 3].map((d) => ({
      id: `p-a-${d}`,
      type: 'purchase',
      contact: { externalId: 'seg-a' },
      occurredAt: daysAgo(d),
    })),
    { id: 'p-b', type: 'purchase', contact: { externalId: 'seg-b' }, occurredAt: daysAgo(40) },
    { id: 'p-c', type: 'purchase', contact: { externalId: 'seg-c' }, occurredAt: daysAgo(1) },
  ];
  expect((await call('POST', '/api/events', { events })).statusCode).toBe(202);
});
afterAll(async () => {
  await h?.close();
});

const count = async (definition: unknown) => {
  const res = await call('POST', '/api/segments/count', { definition });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { count: number }).count;
};
const all = (...conditions: unknown[]) => ({ match: 'all', groups: [{ match: 'all', conditions }] });

describe('segment counts', () => {
  it('counts tags, typed attributes and events in a window, joined by AND', async () => {
    const tag = { kind: 'tag', tagId: vip };
    const gold = { kind: 'attribute', key: 'plan', op: 'eq', value: 'gold' };
    const bought30 = { kind: 'event', eventName: 'purchase', withinDays: 30 };
    expect(await count(all(tag))).toBe(3);
    expect(await count(all(gold))).toBe(2);
    expect(await count(all(bought30))).toBe(2);
    expect(await count(all(tag, gold, bought30))).toBe(1);
    // Typed: the number 7 is greater than 5; the string "7" is not a number.
    expect(await count(all({ kind: 'attribute', key: 'score', op: 'gt', value: 5 }))).toBe(1);
    expect(await count(all({ kind: 'attribute', key: 'plan', op: 'gt', value: 5 }))).toBe(0);
  });

  it('counts "at least k times", "did not" and OR groups', async () => {
    expect(await count(all({ kind: 'event', eventName: 'purchase', atLeast: 3, withinDays: 7 }))).toBe(1);
    expect(await count(all({ kind: 'event', eventName: 'purchase', atLeast: 2 }))).toBe(1);
    expect(await count(all({ kind: 'event', eventName: 'purchase', did: false, withinDays: 30 }))).toBe(2);
    const either = {
      match: 'any',
      groups: [
        { match: 'all', conditions: [{ kind: 'attribute', key: 'plan', op: 'eq', value: 'free' }] },
        { match: 'all', conditions: [{ kind: 'tag', tagId: vip, has: false }] },
      ],
    };
    expect(await count(either)).toBe(2);
  });
});

describe('saved segments', () => {
  it('saves, renames, lists and deletes a segment; refuses an empty one and a second of the same name', async () => {
    const definition = all({ kind: 'tag', tagId: vip });
    const created = await call('POST', '/api/segments', { name: 'VIPs', definition });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    const again = await call('POST', '/api/segments', { name: 'VIPs', definition });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('HERALD_ERR_SEGMENT_NAME_TAKEN');
    const empty = await call('POST', '/api/segments', { name: 'Nobody', definition: { match: 'all', groups: [] } });
    expect(empty.json().error.code).toBe('HERALD_ERR_SEGMENT_EMPTY');
    expect((await call('PUT', `/api/segments/${id}`, { name: 'Top', definition })).json().name).toBe('Top');
    expect((await call('GET', '/api/segments')).json().segments.map((s: { name: string }) => s.name)).toEqual(['Top']);
    expect((await call('GET', `/api/segments/${id}`, undefined, h.otherKey)).statusCode).toBe(404);
    // A journey that uses it keeps it: deleting is refused, saying which.
    const graph = {
      nodes: [
        { id: 'a', kind: 'audience', position: { x: 0, y: 0 }, data: { audience: { kind: 'segment', segmentId: id } } },
      ],
      edges: [],
    };
    const journey = (await call('POST', '/api/journeys', { name: 'Uses Top', graph })).json() as { id: string };
    const refused = await call('DELETE', `/api/segments/${id}`);
    expect(refused.json().error).toMatchObject({ code: 'HERALD_ERR_SEGMENT_IN_USE' });
    expect(refused.json().error.message).toContain('"Uses Top"');
    expect((await call('POST', `/api/journeys/${journey.id}/archive`)).statusCode).toBe(200);
    expect((await call('DELETE', `/api/segments/${id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/segments/${id}`)).json().error.code).toBe('HERALD_ERR_SEGMENT_NOT_FOUND');
  });
});
