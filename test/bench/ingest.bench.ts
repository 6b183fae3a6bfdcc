// Benchmark: events accepted and stored durably per second, against raw Fastify "hello" on the same
// machine with the same load generator and concurrency, measured in the same run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from '@herald/db';
import { createTestDatabase } from '@herald/db/testing';
import { buildApp, ensureDefaultWorkspace } from '@herald/api';
import { testSecretKey } from '../src/fixtures/seed';
import type { Figure, startRun } from './results';

const seconds = 8;
const connections = 32;

/** Only answers with a 2xx count as throughput: a refused or failed request did no work. */
async function load(
  url: string,
  options: Partial<autocannon.Options>,
): Promise<{ rps: number; ok: number; p50: number; p99: number; non2xx: number; connections: number }> {
  const result = await autocannon({ url, connections, duration: seconds, ...options });
  return {
    rps: result['2xx'] / result.duration,
    ok: result['2xx'],
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    connections: result.connections,
  };
}

/** Runs the ingestion benchmark; prints the figures, checks every event answered 2xx was stored, returns them. */
export async function ingestBench(run: ReturnType<typeof startRun>): Promise<Record<string, Figure>> {
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
      `events, one per request: ${Math.round(single.rps).toLocaleString()} events/s = ` +
        `${((single.rps / raw.rps) * 100).toFixed(0)}% of raw "hello" ` +
        `(p50 ${single.p50} ms, p99 ${single.p99} ms, non-2xx ${single.non2xx})`,
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
      `events, 100 per request: ${Math.round(batch.rps * 100).toLocaleString()} events/s ` +
        `(p50 ${batch.p50} ms per batch, non-2xx ${batch.non2xx})`,
    );
    // Stored, counted: every event answered 2xx is in the table once. A request in flight when the
    // load generator stopped may be stored without its answer counted: at most one per connection.
    const stored = async (prefix: string) =>
      (
        (await db.db.execute(
          sql`select count(*)::int as n from inbound_events where external_id like ${`${prefix}-%`}`,
        )) as unknown as Array<{ n: number }>
      )[0]!.n;
    const singleStored = await stored('e');
    const batchStored = await stored('b');
    run.check(`every single event was answered 2xx (${single.non2xx} were not)`, single.non2xx === 0);
    run.check(
      `single events stored: ${singleStored} for ${single.ok} answered 2xx ` +
        `(at most ${single.connections} more in flight)`,
      singleStored >= single.ok && singleStored <= single.ok + single.connections,
    );
    run.check(`every batch was answered 2xx (${batch.non2xx} were not)`, batch.non2xx === 0);
    run.check(
      `batched events stored: ${batchStored} for ${batch.ok * 100} answered 2xx ` +
        `(at most ${batch.connections * 100} more in flight)`,
      batchStored >= batch.ok * 100 && batchStored <= (batch.ok + batch.connections) * 100,
    );
    return {
      helloRps: Math.round(raw.rps),
      singlePerSec: Math.round(single.rps),
      singleRatio: Math.round((single.rps / raw.rps) * 1000) / 1000,
      singleP50: single.p50,
      singleP99: single.p99,
      singleAccepted: single.ok,
      singleStored,
      batchPerSec: Math.round(batch.rps * 100),
      batchAccepted: batch.ok * 100,
      batchStored,
    };
  } finally {
    await app.close();
    await db.close();
  }
}
