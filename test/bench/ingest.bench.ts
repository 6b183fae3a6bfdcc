// Benchmark: events accepted and stored durably per second, against raw Fastify "hello" on the same
// machine with the same load generator and concurrency, measured in the same run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { createTestDatabase } from '@herald/db/testing';
import { buildApp, ensureDefaultWorkspace } from '@herald/api';
import { testSecretKey } from '../src/fixtures/seed';

const seconds = 8;
const connections = 32;

async function load(
  url: string,
  options: Partial<autocannon.Options>,
): Promise<{ rps: number; p50: number; p99: number; non2xx: number }> {
  const result = await autocannon({ url, connections, duration: seconds, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
}

/** Runs the ingestion benchmark; prints and returns the figures. */
export async function ingestBench(): Promise<{ helloRps: number; eventsPerSec: number; batchEventsPerSec: number }> {
  const hello = Fastify();
  hello.get('/', async () => 'hello');
  const helloUrl = await hello.listen({ host: '127.0.0.1', port: 0 });
  const raw = await load(helloUrl, {});
  await hello.close();
  console.log(
    `raw Fastify "hello": ${Math.round(raw.rps).toLocaleString()} req/s (p50 ${raw.p50} ms, p99 ${raw.p99} ms)`,
  );

  const db = await createTestDatabase();
  const login = (await ensureDefaultWorkspace(db.db, mkdtempSync(join(tmpdir(), 'bench-'))))!;
  const app = await buildApp(
    {
      db: db.db,
      secretKey: testSecretKey,
      temporal: null,
      probes: { database: async () => 'db', temporal: async () => 'none' },
    },
    { rateLimitPerMinute: 10_000_000 },
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    let n = 0;
    const headers = { authorization: `Bearer ${login.apiKey}`, 'content-type': 'application/json' };
    const single = await load(`${url}/api/events`, {
      method: 'POST',
      headers,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({
              id: `e-${++n}`,
              type: 'page_view',
              contact: { externalId: `c-${n % 5000}` },
              properties: { path: '/offer' },
            }),
          }),
        },
      ],
    });
    console.log(
      `events, one per request: ${Math.round(single.rps).toLocaleString()} events/s = ${((single.rps / raw.rps) * 100).toFixed(0)}% of raw "hello" (p50 ${single.p50} ms, p99 ${single.p99} ms, non-2xx ${single.non2xx})`,
    );
    const batch = await load(`${url}/api/events`, {
      method: 'POST',
      headers,
      connections: 8,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({
              events: Array.from({ length: 100 }, () => ({
                id: `b-${++n}`,
                type: 'page_view',
                contact: { externalId: `c-${n % 5000}` },
              })),
            }),
          }),
        },
      ],
    });
    console.log(
      `events, 100 per request: ${Math.round(batch.rps * 100).toLocaleString()} events/s (p50 ${batch.p50} ms per batch, non-2xx ${batch.non2xx})`,
    );
    return { helloRps: raw.rps, eventsPerSec: single.rps, batchEventsPerSec: batch.rps * 100 };
  } finally {
    await app.close();
    await db.close();
  }
}
