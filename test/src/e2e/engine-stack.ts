// What the engine's end-to-end tests run against: the time-skipping Temporal server, the sandbox, the
// API on its own test database, and a worker with the real activities on one task queue.
import nodemailer from 'nodemailer';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Registry } from 'prom-client';
import { activityMetrics, createActivities } from '@herald/activities';
import { ChannelClients } from '@herald/channels';
import { startSandbox, type Sandbox, type SandboxOptions } from '@herald/sandbox';
import type { AppDeps } from '@herald/api';
import { createTimeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../temporal/env';
import { addAccount, bearer, createApiHarness, type ApiHarness } from '../api/api-harness';
import { testSecretKey } from '../fixtures/seed';

/** A running stack, its public API as a member calls it, and its teardown. */
export interface EngineStack {
  env: TestWorkflowEnvironment;
  sandbox: Sandbox;
  h: ApiHarness;
  /** Calls the API with the harness member's key; a 4xx or 5xx throws with the answer. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer's JSON, as inject gives it
  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown): Promise<any>;
  /** Saves `graph` as a journey named `name` and publishes it, through the API; returns the journey's id. */
  publish(name: string, graph: unknown): Promise<string>;
  /** Adds a channel account at the sandbox through the API (its secret `s`, and any `credentials`); returns its id. */
  account(a: {
    kind: 'wecom' | 'wechat_service';
    name: string;
    settings: Record<string, unknown>;
    credentials?: Record<string, string>;
  }): Promise<string>;
  /** Posts `body` to a control of the sandbox (GET without one); resolves to its JSON answer. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer's JSON, as the sandbox gives it
  control(path: string, body?: unknown): Promise<any>;
  /** Herald's address, where the sandbox posts the platforms' callbacks (the API listening, from the first call). */
  callbackBase(): Promise<string>;
  /**
   * Adds a WeCom account (agent 1000002) whose app tells Herald what its employees do: callback token `token`,
   * and the sandbox's app posting to Herald's WeCom webhook of the account. Returns its id.
   */
  wecomApp(a: { name: string; corpId: string; token: string; credentials?: Record<string, string> }): Promise<string>;
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
  const publish: EngineStack['publish'] = async (name, graph) => {
    const id = (await call('POST', '/api/journeys', { name, graph })).id as string;
    await call('POST', `/api/journeys/${id}/publish`, {});
    return id;
  };
  const account: EngineStack['account'] = (a) => addAccount(h, { ...a, baseUrl: sandbox.url });
  const control: EngineStack['control'] = async (path, body) => {
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    return (await fetch(`${sandbox.url}${path}`, body === undefined ? {} : post)).json();
  };
  let listening: Promise<string> | undefined;
  const callbackBase = () => (listening ??= h.app.listen({ host: '127.0.0.1', port: 0 }));
  return {
    env,
    sandbox,
    h,
    call,
    publish,
    account,
    control,
    callbackBase,
    async wecomApp({ name, corpId, token, credentials }) {
      const settings = { corpId, agentId: 1000002 };
      const id = await account({
        kind: 'wecom',
        name,
        settings,
        credentials: { callbackToken: token, ...credentials },
      });
      await control('/_sandbox/wecom/callback', { corpId, url: `${await callbackBase()}/webhooks/wecom/${id}`, token });
      return id;
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

/** The API's mailer, sending through the sandbox's mail server (a sandbox started with `smtpPort: 0`). */
export function sandboxMailer(sandbox: Sandbox): Pick<AppDeps, 'mailer'> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sandbox.smtpPort, ignoreTLS: true });
  return { mailer: { sendMail: (m) => transport.sendMail({ from: 'herald@test', ...m }) } };
}
