import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from '@herald/db';
import { followJourney } from '@herald/engine/testing';
import { addAccount, bearer, createApiHarness, type ApiHarness } from './api-harness';
import { devServer, uniqueTaskQueue } from '../temporal/env';

// Every route comes from the app's own OpenAPI document, so routes added later are fuzzed too.
// For each: random bodies (JSON values, objects, strings, and valid examples with one field
// replaced), random query strings and random path parameters. No answer may be a 5xx; every
// refusal is a 4xx with a HERALD_ERR_ code; a refusal writes nothing (row counts of every table).
let h: ApiHarness;
type Op = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; query: string[]; json: boolean };
let ops: Op[] = [];
let tables: string[] = [];
const ids: Record<string, string> = {};
const tally = { requests: 0, refused: 0, accepted: 0 };

let server: Awaited<ReturnType<typeof devServer>>;
beforeAll(async () => {
  // A real Temporal client (no worker on its queue): a valid broadcast the fuzzer stumbles on starts
  // its workflow and is accepted, instead of a 503 for an unreachable engine.
  server = await devServer();
  h = await createApiHarness({ client: server.client, taskQueue: uniqueTaskQueue('fuzz') });
  const post = async (url: string, body: unknown) =>
    (await h.app.inject({ method: 'POST', url, headers: bearer(h.key), payload: body as object })).json();
  ids.contact = (await post('/api/contacts', { externalId: 'fuzz-contact', name: 'Fuzz' })).id;
  ids.tag = (await post('/api/tags', { name: 'Fuzz tag' })).id;
  ids.account = await addAccount(h, { kind: 'wecom', name: 'Fuzz account' });
  ids.journey = (
    await post('/api/journeys', { name: 'Fuzz journey', graph: followJourney({ channelAccountId: ids.account }) })
  ).id;
  const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: Array<{ in: string; name: string }>; requestBody?: { content: Record<string, unknown> } }
      >
    >;
  };
  ops = Object.entries(doc.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([m, op]) => ({
        method: m.toUpperCase() as Op['method'],
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        json: 'application/json' in (op.requestBody?.content ?? {}),
      })),
    )
    .filter((o) => o.path.startsWith('/api/') && o.path !== '/api/auth/logout');
  tables = (
    (await h.db.db.execute(
      sql`select table_name as t from information_schema.tables where table_schema = 'public'
        and table_type = 'BASE TABLE' and table_name not like '%drizzle%' order by 1`,
    )) as unknown as Array<{ t: string }>
  ).map((r) => r.t);
});
afterAll(async () => {
  console.log(
    `fuzz: ${tally.requests} requests over ${ops.length} routes; ` +
      `${tally.refused} refused with a coded 4xx and nothing written, ${tally.accepted} accepted`,
  );
  await h?.close();
  await server?.close();
});

const snapshot = async (): Promise<string> =>
  JSON.stringify(
    await h.db.db.execute(
      sql.raw(`select ${tables.map((t) => `(select count(*) from "${t}")::int as "${t}"`).join(', ')}`),
    ),
  );

/** Valid examples to mutate, so generated bodies also get past the first checks. */
const examples = (): Record<string, Record<string, unknown>> => ({
  'POST /api/contacts': {
    externalId: 'x',
    name: 'X',
    identities: [{ kind: 'email', value: 'x@example.com' }],
    tags: ['T'],
  },
  'POST /api/contacts/import': { contacts: [{ externalId: 'y', name: 'Y' }] },
  'POST /api/events': { id: 'e', type: 'purchase', contact: { externalId: 'z' }, properties: { amount: 1 } },
  'POST /api/broadcasts': {
    name: 'B',
    channelAccountId: ids.account,
    method: 'wecom_agent',
    messages: [{ type: 'text', text: 'hi' }],
    audience: { kind: 'all' },
    sendType: 'timed',
    sendAt: new Date(Date.now() + 3600_000).toISOString(),
  },
  'POST /api/broadcasts/preview': { channelAccountId: ids.account, method: 'wecom_agent', audience: { kind: 'all' } },
  'POST /api/journeys': { name: 'J', graph: followJourney({ channelAccountId: ids.account }) },
  'PUT /api/journeys/{id}/graph': { graph: followJourney({ channelAccountId: ids.account }) },
  'POST /api/channel-accounts': {
    kind: 'wecom',
    name: 'A',
    baseUrl: 'http://127.0.0.1:9',
    credentials: { secret: 's' },
  },
  'POST /api/auth/login': { email: 'a@example.com', password: 'p' },
  'POST /api/tags': { name: 'T2' },
  'POST /api/employees': { wecomUserId: 'u', name: 'U' },
  'POST /api/contacts/{id}/tags': { tagIds: [ids.tag] },
  'PATCH /api/contacts/{id}': { name: 'N' },
});

const mutated = (example: Record<string, unknown>) =>
  fc
    .tuple(fc.constantFrom(...Object.keys(example)), fc.jsonValue())
    .map(([key, value]) => ({ ...example, [key]: value }));
const pathValue = fc.oneof(
  fc.constant('ID'),
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('..', '%00', '0', '-1', "' or 1=1 --", 'a'.repeat(300)),
);
const queryValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer().map(String),
  fc.constantFrom('', '-1', '1e309', 'NaN', '[]', '%', "'", 'a'.repeat(500), '00000000-0000-4000-8000-000000000000'),
);

function url(op: Op, params: string[], query: Array<[string, string]>): string {
  let i = 0;
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = params[i++ % params.length]!;
    return v === 'ID'
      ? name === 'tagId'
        ? ids.tag!
        : op.path.startsWith('/api/journeys')
          ? ids.journey!
          : ids.contact!
      : encodeURIComponent(v);
  });
  const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return qs ? `${path}?${qs}` : path;
}

async function check(op: Op, target: string, payload?: string, contentType = 'application/json'): Promise<void> {
  const before = op.method === 'GET' ? '' : await snapshot();
  const res = await h.app.inject({
    method: op.method,
    url: target,
    headers: { ...bearer(h.key), ...(payload === undefined ? {} : { 'content-type': contentType }) },
    ...(payload === undefined ? {} : { payload }),
  });
  tally.requests++;
  expect(
    res.statusCode,
    `${op.method} ${target} ${payload?.slice(0, 200) ?? ''} → ${res.body.slice(0, 300)}`,
  ).toBeLessThan(500);
  if (res.statusCode >= 400) {
    tally.refused++;
    expect(res.json().error.code, `${op.method} ${target}`).toMatch(/^HERALD_ERR_/);
    if (op.method !== 'GET') expect(await snapshot(), `${op.method} ${target} refused but wrote rows`).toBe(before);
  } else {
    tally.accepted++;
  }
}

describe('property-based: every /api route', () => {
  it('found the routes to fuzz', () => {
    expect(ops.filter((o) => o.method === 'GET').length).toBeGreaterThanOrEqual(15);
    expect(ops.filter((o) => o.json).length).toBeGreaterThanOrEqual(15);
  });

  it('random bodies to every write route: no 5xx, coded refusals, no partial writes', async () => {
    for (const op of ops.filter((o) => o.json)) {
      const example = examples()[`${op.method} ${op.path}`];
      const body = example
        ? fc.oneof(fc.jsonValue(), fc.object(), mutated(example), mutated(example))
        : fc.oneof(fc.jsonValue(), fc.object(), fc.string());
      await fc.assert(
        fc.asyncProperty(body, fc.array(pathValue, { minLength: 1, maxLength: 2 }), async (b, params) => {
          await check(op, url(op, params, []), JSON.stringify(b));
        }),
        { numRuns: 100 },
      );
    }
    // 100 runs for each write route: its time grows with the routes, not with any wait.
  }, 180_000);

  it('bodies that are not JSON, or not what the route takes', async () => {
    for (const op of ops.filter((o) => o.method !== 'GET')) {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ maxLength: 200 }),
          fc.constantFrom(
            'application/json',
            'text/plain',
            'text/csv',
            'application/xml',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
          ),
          async (raw, type) => {
            await check(op, url(op, ['ID'], []), raw, type);
          },
        ),
        { numRuns: 8 },
      );
    }
  });

  it('random query strings and path parameters to every GET route', async () => {
    for (const op of ops.filter((o) => o.method === 'GET')) {
      const names = fc.oneof(fc.constantFrom(...(op.query.length ? op.query : ['q'])), fc.string({ maxLength: 12 }));
      await fc.assert(
        fc.asyncProperty(
          fc.array(pathValue, { minLength: 1, maxLength: 2 }),
          fc.array(fc.tuple(names, queryValue), { maxLength: 5 }),
          async (params, query) => {
            await check(op, url(op, params, query));
          },
        ),
        { numRuns: 60 },
      );
    }
  });
});
