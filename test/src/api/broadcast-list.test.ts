// The broadcast list as the page reads it: every row reachable by paging (it once stopped at 50),
// sorted on the server by any column, searched across name and content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devServer, uniqueTaskQueue } from '../temporal/env';
import { addAccount, bearer, createApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
let temporal: Awaited<ReturnType<typeof devServer>>;
const call = async (method: 'GET' | 'POST', url: string, body?: unknown) =>
  h.app.inject({ method, url, headers: bearer(h.key), ...(body === undefined ? {} : { payload: body as object }) });
const list = async (query: string) => (await call('GET', `/api/broadcasts?${query}`)).json();

beforeAll(async () => {
  temporal = await devServer();
  // No worker polls this queue: the broadcasts stay pending, which is all a list needs.
  h = await createApiHarness({ client: temporal.client, taskQueue: uniqueTaskQueue('broadcast-list') });
  const account = await addAccount(h, { kind: 'wecom', name: 'List WeCom', settings: { corpId: 'c', agentId: 1 } });
  await call('POST', '/api/contacts', { externalId: 'list-fan', name: 'Fan' });
  const sendAt = new Date(Date.now() + 86_400_000).toISOString();
  for (let i = 0; i < 73; i++) {
    const res = await call('POST', '/api/broadcasts', {
      name: `Campaign ${String(i).padStart(2, '0')}`,
      channelAccountId: account,
      method: 'wecom_agent',
      messages: [{ type: 'text', text: i === 42 ? 'Mooncakes are back' : `Offer number ${i}` }],
      audience: { kind: 'all' },
      sendType: 'timed',
      sendAt,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
  for (const name of ['Campaign 03', 'Campaign 07']) {
    const id = (await list(`search=${encodeURIComponent(name)}`)).items[0].id;
    await call('POST', `/api/broadcasts/${id}/pause`);
  }
});
afterAll(async () => {
  await h?.close();
  await temporal?.close();
});

describe('the broadcast list', () => {
  it('reaches all 73 by paging, none twice', async () => {
    const seen = new Set<string>();
    for (let offset = 0; ; offset += 50) {
      const page = await list(`limit=50&offset=${offset}`);
      expect(page.total).toBe(73);
      for (const b of page.items) seen.add(b.id);
      if (page.items.length < 50) break;
    }
    expect(seen.size).toBe(73);
  });

  it('sorts by name either way and by status', async () => {
    expect((await list('sort=name&dir=asc&limit=3')).items.map((b: { name: string }) => b.name)).toEqual([
      'Campaign 00',
      'Campaign 01',
      'Campaign 02',
    ]);
    expect((await list('sort=name&dir=desc&limit=1')).items[0].name).toBe('Campaign 72');
    const byStatus = (await list('sort=status&dir=asc&limit=2')).items.map((b: { name: string; status: string }) => [
      b.name,
      b.status,
    ]);
    expect(byStatus).toEqual([
      ['Campaign 03', 'paused'],
      ['Campaign 07', 'paused'],
    ]);
  });

  it('searches content as well as names', async () => {
    const found = await list('search=mooncake');
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ name: 'Campaign 42', content: 'Mooncakes are back' });
    expect((await list('search=Campaign%201&limit=100')).total).toBe(10); // Campaign 10 to 19
  });

  it('refuses a column it cannot sort by, in a sentence', async () => {
    const bad = await call('GET', '/api/broadcasts?sort=colour');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('HERALD_ERR_VALIDATION');
  });
});
