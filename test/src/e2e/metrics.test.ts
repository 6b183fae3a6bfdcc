// Prometheus metrics and health, scraped over HTTP from a running Herald (the composition root that
// `./herald start` runs, on PostgreSQL and the dev server) and from a `./herald worker` process,
// after a broadcast set up through the API: the numbers must match what reached the sandbox.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@herald/runtime';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { startHerald, type RunningHerald } from '@herald/api';
import { readConfig } from '../../../api/src/config';
import type { NodeProcess } from '../../faults/processes';
import { startWorkerProcess } from '../fixtures/worker-process';
import { uniqueTaskQueue } from '../temporal/env';

const secret = 'cd'.repeat(32);

/** Samples of `name` whose labels include `labels`, from Prometheus' text format (labels in any order). */
function samples(text: string, name: string, labels: Record<string, string> = {}): number[] {
  const found: number[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const has = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) found.push(Number(match[3]));
  }
  return found;
}

/** The one sample of `name` with `labels` (undefined when absent). */
const sample = (text: string, name: string, labels: Record<string, string> = {}) => samples(text, name, labels)[0];
/** The sum of every sample of `name` with `labels` (over the labels not named, e.g. every activity). */
const total = (text: string, name: string, labels: Record<string, string> = {}) =>
  samples(text, name, labels).reduce((a, b) => a + b, 0);

let db: TestDatabase;
let herald: RunningHerald;
let worker: NodeProcess;
let metricsPort: number;
let key: string;
let sandboxUrl: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-metrics-'));
  const taskQueue = uniqueTaskQueue('metrics');
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const lines: string[] = [];
  herald = await startHerald(
    readConfig({
      PORT: String(port),
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: process.env.HERALD_TEST_TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: taskQueue,
      HERALD_DATA_DIR: dataDir,
      HERALD_SECRET_KEY: secret,
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_SMTP_PORT: '0',
    }),
    { log: (line) => lines.push(line) },
  );
  sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  key = (JSON.parse(readFileSync(join(dataDir, 'first-login.json'), 'utf8')) as { apiKey: string }).apiKey;
  metricsPort = await freePort();
  worker = await startWorkerProcess({
    databaseUrl: db.url,
    temporalAddress: process.env.HERALD_TEST_TEMPORAL_ADDRESS!,
    taskQueue,
    secretKey: secret,
    env: { HERALD_METRICS_PORT: String(metricsPort) },
  });
});
afterAll(async () => {
  await worker?.kill('SIGTERM');
  await herald?.stop();
  await db?.close();
});

async function api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${herald.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return (await res.json()) as T;
}

describe('metrics and health of a running Herald', () => {
  it('tell up from ready, on the API and on a worker process', async () => {
    const live = await fetch(`${herald.apiUrl}/health/live`);
    expect([live.status, await live.json()]).toEqual([200, { status: 'up' }]);
    const ready = await fetch(`${herald.apiUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: { ok: true }, temporal: { ok: true } });
    const workerReady = await fetch(`http://127.0.0.1:${metricsPort}/health/ready`);
    expect([workerReady.status, await workerReady.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('count a broadcast by method and outcome, its skips by reason, and its requests by route', async () => {
    const account = await api<{ id: string }>('POST', '/api/channel-accounts', {
      kind: 'wecom',
      name: 'Metrics WeCom',
      baseUrl: sandboxUrl,
      settings: { corpId: 'corp-metrics', agentId: 1000002 },
      credentials: { secret: 's' },
    });
    // Ten contacts tagged "Metrics", owned by an employee (agent messages go through them); the last has no
    // WeCom identity, so it is skipped (no_identity).
    await api('POST', '/api/employees', { wecomUserId: 'metrics-owner', name: 'Metrics Owner' });
    await api('POST', '/api/contacts/import', {
      contacts: Array.from({ length: 10 }, (_, i) => ({
        externalId: `m-${i}`,
        name: `M ${i}`,
        identities: i === 9 ? [] : [{ kind: 'wecom_external_userid', value: `wm-m-${i}` }],
        tags: ['Metrics'],
        owners: ['metrics-owner'],
      })),
    });
    const tags = await api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/tags');
    const tag = tags.items.find((t) => t.name === 'Metrics')!;
    const broadcast = await api<{ id: string }>('POST', '/api/broadcasts', {
      name: 'Metrics night',
      channelAccountId: account.id,
      method: 'wecom_agent',
      messages: [{ type: 'text', text: 'Counted once' }],
      audience: { kind: 'tags', mode: 'any', tagIds: [tag.id], excludeTagIds: [] },
      sendType: 'immediate',
    });
    await expect
      .poll(async () => (await api<{ status: string }>('GET', `/api/broadcasts/${broadcast.id}`)).status, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe('completed');
    // Each reaches its contact once the owning employee has sent it on (the sandbox's employees act after a delay).
    const agentMessages = async () =>
      (
        (await (await fetch(`${sandboxUrl}/_sandbox/messages?method=agent`)).json()) as {
          messages: Array<{ recipient: string }>;
        }
      ).messages;
    await expect.poll(async () => (await agentMessages()).length, { timeout: 30_000 }).toBe(9);
    const arrived = { messages: await agentMessages() };
    expect(new Set(arrived.messages.map((m) => m.recipient)).size).toBe(9);
    expect(arrived.messages).toHaveLength(9);

    const apiText = await (await fetch(`${herald.apiUrl}/metrics`)).text();
    expect(sample(apiText, 'herald_sends', { method: 'wecom_agent', outcome: 'sent' })).toBe(9);
    expect(sample(apiText, 'herald_sends', { method: 'wecom_agent', outcome: 'skipped' })).toBe(1);
    expect(sample(apiText, 'herald_skips_last_hour', { method: 'wecom_agent', reason: 'no_identity' })).toBe(1);
    expect(sample(apiText, 'herald_entry_backlog')).toBe(0);
    expect(sample(apiText, 'herald_runs', { kind: 'broadcast', status: 'completed' })).toBe(1);
    expect(
      sample(apiText, 'herald_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/broadcasts',
        status: '201',
      }),
    ).toBe(1);
    expect(sample(apiText, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // The send ran in the API's own worker or in the worker process (whichever activity the engine
    // uses for it): together they report all nine sent and the one skipped.
    const workerText = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const both = (name: string, labels: Record<string, string>) =>
      total(apiText, name, labels) + total(workerText, name, labels);
    expect(both('herald_worker_sends_total', { outcome: 'sent' })).toBe(9);
    expect(both('herald_worker_sends_total', { outcome: 'skipped' })).toBe(1);
    expect(both('herald_activity_executions_total', { outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(both('herald_activity_duration_seconds_count', {})).toBe(both('herald_activity_executions_total', {}));
  });
});
