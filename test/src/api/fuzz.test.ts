import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bearer, createApiHarness, type ApiHarness } from './api-harness';

let h: ApiHarness;
beforeAll(async () => { h = await createApiHarness(); });
afterAll(async () => { await h?.close(); });

const routes: Array<['POST' | 'PUT' | 'PATCH', string]> = [
  ['POST', '/api/contacts'], ['POST', '/api/contacts/import'], ['POST', '/api/tags'], ['POST', '/api/employees'], ['POST', '/api/group-chats'],
  ['POST', '/api/channel-accounts'], ['POST', '/api/journeys'], ['PUT', '/api/journeys/00000000-0000-4000-8000-000000000000/graph'],
  ['POST', '/api/broadcasts'], ['POST', '/api/broadcasts/preview'], ['POST', '/api/events'], ['POST', '/api/auth/login'],
  ['PATCH', '/api/contacts/00000000-0000-4000-8000-000000000000'], ['POST', '/api/contacts/not-a-uuid/tags'],
];

describe('property-based: random bodies to every write route', () => {
  it.each(routes)('%s %s never answers 500, and every refusal carries a code', async (method, url) => {
    let refusals = 0;
    await fc.assert(fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.object(), fc.string()), async (body) => {
      const res = await h.app.inject({ method, url, headers: { ...bearer(h.key), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      expect(res.statusCode).toBeLessThan(500);
      if (res.statusCode >= 400) {
        refusals++;
        expect(res.json().error.code).toMatch(/^HERALD_ERR_/);
      }
    }), { numRuns: 150 });
    expect(refusals).toBeGreaterThan(100);
  });
});
