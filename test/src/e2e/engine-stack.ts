// What the engine's end-to-end tests run against: the time-skipping Temporal server, the sandbox, the
// API on its own test database, and a worker with the real activities on one task queue.
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Registry } from 'prom-client';
import { activityMetrics, createActivities } from '@herald/activities';
import { ChannelClients } from '@herald/channels';
import { startSandbox, type Sandbox, type SandboxOptions } from '@herald/sandbox';
import type { AppDeps } from '@herald/api';
import { createTimeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../temporal/env';
import { bearer, createApiHarness, type ApiHarness } from '../api/api-harness';
import { testSecretKey } from '../fixtures/seed';

/** A running stack, its public API as a member calls it, and its teardown. */
export interface EngineStack {
  env: TestWorkflowEnvironment;
  sandbox: Sandbox;
  h: ApiHarness;
  /** Calls the API with the harness member's key; a 4xx or 5xx throws with the answer. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer's JSON, as inject gives it
  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown): Promise<any>;
  /** Adds a channel account at the sandbox through the API (its secret `s`); returns its id. */
  account(a: { kind: 'wecom' | 'wechat_service'; name: string; settings: Record<string, unknown> }): Promise<string>;
  close(): Promise<void>;
}

/** What a test file changes in its stack. */
export interface EngineStackOptions {
  sandbox?: SandboxOptions;
  /** The API's dependencies to replace (a clock, a mailer), or a function of the sandbox giving them. */
  app?: Partial<AppDeps> | ((sandbox: Sandbox) => Partial<AppDeps>);
  /** Wraps the Temporal client the API starts and signals workflows through (to watch what it sends). */
  client?: (client: Client) => Client;
  /** Where the worker's Prometheus metrics go (as `./herald start` registers them), to read what it counted. */
  metrics?: Registry;
}

/** Starts the stack for a test file (`name` makes its task queue unique). */
export async function startEngineStack(name: string, o: EngineStackOptions = {}): Promise<EngineStack> {
  const taskQueue = uniqueTaskQueue(name);
  const [env, sandbox] = await Promise.all([createTimeSkippingEnv(), startSandbox({ smtpPort: -1, ...o.sandbox })]);
  const client = o.client ? o.client(env.client) : env.client;
  const h = await createApiHarness({ client, taskQueue }, typeof o.app === 'function' ? o.app(sandbox) : o.app);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: createActivities({ db: h.db.db, secretKey: testSecretKey, channels: new ChannelClients() }),
    ...(o.metrics ? { interceptors: { activity: [activityMetrics(o.metrics)] } } : {}),
  });
  const running = worker.run();
  const call: EngineStack['call'] = async (method, url, body) => {
    const res = await h.app.inject({
      method,
      url,
      headers: bearer(h.key),
      ...(body === undefined ? {} : { payload: body as object }),
    });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  return {
    env,
    sandbox,
    h,
    call,
    async account(a) {
      const account = { ...a, baseUrl: sandbox.url, credentials: { secret: 's' } };
      return (await call('POST', '/api/channel-accounts', account)).id as string;
    },
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
      await h.close();
      await sandbox.close();
    },
  };
}
