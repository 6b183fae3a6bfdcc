// A whole Herald for the real-time and callback benchmarks, run as `./herald start` runs it: its own
// process (API, drainer, worker, the embedded Temporal dev server as its child), on PostgreSQL or on the
// embedded default (PGlite, with no DATABASE_URL) — or, on PostgreSQL, as production runs it: the API process
// (HERALD_WORKER=off) and a `./herald worker` process beside it, so Herald has more than one core of Node.
// The load generator and the sandbox (WeChat and WeCom) live in the benchmark's process, as the platforms
// live on other machines: Herald's CPU is Herald's alone. A published follow → welcome journey (a WeChat
// customer-service message).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { freePort } from '@herald/runtime';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { BENCH_CALLBACK_TOKEN, followCallback } from './follow-callback';
import { testSecretKey } from '../src/fixtures/seed';
import { NodeProcess } from '../faults/processes';

/** Herald's process, as `./herald start` runs it. */
export interface HeraldProcess {
  apiUrl: string;
  temporalAddress: string;
  /** The first login's API key the start printed. */
  apiKey: string;
  /** Where Herald's Prometheus metrics are: the API's, and the worker process's when it has one. */
  metricsUrls: string[];
  stop(): Promise<void>;
  /** Herald's last output (its log). */
  tail(): string;
}

/**
 * Starts `scripts/start.ts` with `env` (the fault suite's NodeProcess) until it printed its API key: it serves
 * then.
 */
async function startHeraldProcess(env: Record<string, string>): Promise<HeraldProcess> {
  const herald = new NodeProcess('herald start', 'scripts/start.ts', env, /API key\s+\S+/);
  await herald.start(180_000);
  const banner = herald.tail();
  const apiUrl = /editor & API\s+(\S+)/.exec(banner)![1]!;
  return {
    apiUrl,
    apiKey: /API key\s+(\S+)/.exec(banner)![1]!,
    temporalAddress: `127.0.0.1:${env.TEMPORAL_PORT}`,
    metricsUrls: [`${apiUrl}/metrics`],
    // The process group: Herald and its Temporal dev server.
    stop: () => herald.kill('SIGTERM'),
    tail: () => herald.tail(),
  };
}

export interface HeraldTarget {
  herald: HeraldProcess;
  /** The test database on PostgreSQL; null on the embedded default (PGlite lives inside Herald). */
  db: TestDatabase | null;
  sandbox: Sandbox;
  client: Client;
  taskQueue: string;
  /** The WeChat account whose callbacks are posted. */
  wechat: string;
  /** A signed follow callback for `openid`, as WeChat posts it: its URL and XML body. */
  follow(openid: string, nonce: string): { url: string; body: string };
  api(path: string, body: unknown): Promise<Record<string, unknown>>;
  /** GET `path` on the API, its JSON answer. */
  apiGet(path: string): Promise<unknown>;
  /** The published welcome journey. */
  journeyId: string;
  /** Imports fans `${prefix}-0…n-1` through the API, with openid `o${prefix}-i` on the account. */
  importFans(n: number, prefix: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The sandbox's method the welcome arrives by: a WeChat customer-service message, the platform's way
 * to answer a follow (the follow opens its 48-hour window). A WeCom agent welcome cannot carry a storm:
 * since issue 15 it is an app message to the fan's owning employee, and WeCom takes at most 30 app
 * messages a minute per member (60,000 welcomes a minute would need 2,000 employees).
 */
export const WELCOME_METHOD = 'customer_service';

/**
 * Adds a `./herald worker` process to a Herald started with HERALD_WORKER=off (polling its task queue, with its
 * metrics on a port of its own); stopping Herald stops it first.
 */
async function addWorkerProcess(herald: HeraldProcess, env: Record<string, string>): Promise<void> {
  const metricsPort = await freePort();
  const worker = new NodeProcess(
    'herald worker',
    'scripts/worker.ts',
    {
      DATABASE_URL: env.DATABASE_URL!,
      TEMPORAL_ADDRESS: herald.temporalAddress,
      TEMPORAL_TASK_QUEUE: env.TEMPORAL_TASK_QUEUE!,
      HERALD_SECRET_KEY: env.HERALD_SECRET_KEY!,
      HERALD_METRICS_PORT: String(metricsPort),
    },
    /herald worker: polling/,
  );
  await worker.start(60_000);
  herald.metricsUrls.push(`http://127.0.0.1:${metricsPort}/metrics`);
  const stopHerald = herald.stop;
  herald.stop = async () => {
    await worker.kill('SIGTERM');
    await stopHerald();
  };
}

/** How Herald's processes are laid out: `./herald start`'s one, or the API and a worker apart (PostgreSQL only). */
export type HeraldShape = 'one process' | 'API + worker';

/** Starts Herald and the sandbox, sets up the account and publishes follow → customer-service welcome. */
export async function startHeraldTarget(o: { embedded: boolean; shape: HeraldShape }): Promise<HeraldTarget> {
  if (o.embedded && o.shape !== 'one process') throw new Error('the embedded default runs as one process');
  const db = o.embedded ? null : await createTestDatabase();
  const sandbox = await startSandbox({ port: 0, smtpPort: -1 });
  const taskQueue = 'herald';
  const env: Record<string, string> = {
    ...(db ? { DATABASE_URL: db.url } : {}),
    PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    TEMPORAL_TASK_QUEUE: taskQueue,
    HERALD_SANDBOX: 'off',
    HERALD_DATA_DIR: mkdtempSync(join(tmpdir(), 'herald-bench-')),
    HERALD_SECRET_KEY: testSecretKey.toString('hex'),
    ...(o.shape === 'API + worker' ? { HERALD_WORKER: 'off' } : {}),
  };
  const herald = await startHeraldProcess(env);
  if (o.shape === 'API + worker') await addWorkerProcess(herald, env);
  const connection = await Connection.connect({ address: herald.temporalAddress });
  const apiKey = herald.apiKey;
  const api = async (path: string, body: unknown) => {
    const res = await fetch(`${herald.apiUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const apiGet = async (path: string) =>
    (
      await fetch(`${herald.apiUrl}${path}`, { headers: { authorization: `Bearer ${apiKey}` } })
    ).json() as Promise<unknown>;
  const account = async (body: Record<string, unknown>) => String((await api('/api/channel-accounts', body)).id);
  const wechat = await account({
    kind: 'wechat_service',
    name: 'OA',
    baseUrl: sandbox.url,
    settings: { appId: 'wx-rt' },
    credentials: { secret: 's', callbackToken: BENCH_CALLBACK_TOKEN },
  });
  const journey = await api('/api/journeys', {
    name: 'Welcome',
    graph: {
      nodes: [
        { id: 'follow', kind: 'follow', position: { x: 0, y: 0 }, data: { channelAccountId: wechat } },
        {
          id: 'welcome',
          kind: 'send',
          position: { x: 0, y: 150 },
          data: {
            channelAccountId: wechat,
            channel: 'wechat_service',
            method: 'wechat_customer_service',
            type: 'contacts',
            messages: [{ type: 'text', text: 'Welcome {{contact.name}}!' }],
          },
        },
      ],
      edges: [{ id: 'e1', source: 'follow', target: 'welcome' }],
      settings: { reentry: { mode: 'never' } },
    },
  });
  await api(`/api/journeys/${String(journey.id)}/publish`, {});
  const follow = (openid: string, nonce: string) => followCallback(herald.apiUrl, wechat, openid, nonce);
  const importFans = async (n: number, prefix: string) => {
    for (let i = 0; i < n; i += 10_000) {
      const contacts = Array.from({ length: Math.min(10_000, n - i) }, (_, k) => ({
        externalId: `${prefix}-${i + k}`,
        name: `Fan ${i + k}`,
        identities: [{ kind: 'wechat_openid', value: `o${prefix}-${i + k}`, channelAccountId: wechat }],
      }));
      await api('/api/contacts/import', { contacts });
      // They are to follow the account during the run: WeChat then knows them (the window opens).
      for (let k = 0; k < contacts.length; k++) sandbox.interacted('wx-rt', `o${prefix}-${i + k}`);
    }
  };
  return {
    herald,
    db,
    importFans,
    sandbox,
    client: new Client({ connection }),
    taskQueue,
    wechat,
    follow,
    api,
    apiGet,
    journeyId: String(journey.id),
    close: async () => {
      await connection.close();
      await herald.stop();
      await sandbox.close();
      await db?.close();
    },
  };
}

/** Names of the history events a run workflow writes (Temporal's EventType numbers). */
const eventKinds: Record<number, string> = {
  1: 'started',
  5: 'task scheduled',
  6: 'task started',
  7: 'task completed',
  10: 'activity scheduled',
  11: 'activity started',
  12: 'activity completed',
  13: 'activity failed',
  14: 'activity timed out',
  17: 'timer started',
  18: 'timer fired',
  19: 'timer canceled',
  26: 'signaled',
  28: 'continued as new',
};

/**
 * Temporal history events of every execution but the bare ones (the journey engine's own cost),
 * continue-as-new runs included. Each execution is described: visibility's `historyLength` stays 0
 * for a workflow still running (the journey's run workflow is, when the benchmark counts).
 */
export async function historyEvents(
  client: Client,
  options: { byKind?: boolean } = {},
): Promise<{ executions: number; events: number; byKind: Map<string, number> }> {
  let executions = 0;
  let events = 0;
  const byKind = new Map<string, number>();
  for await (const info of client.workflow.list({ query: `WorkflowType != 'bareWorkflow'` })) {
    executions++;
    const handle = client.workflow.getHandle(info.workflowId, info.runId);
    events += (await handle.describe()).historyLength;
    if (!options.byKind) continue;
    // What the events are (signals, timers, activities…), to tell which part of the loop costs them.
    for (const e of (await handle.fetchHistory()).events ?? []) {
      const kind = eventKinds[Number(e.eventType)] ?? `event type ${String(e.eventType)}`;
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    }
  }
  return { executions, events, byKind };
}
