// The composition root of one Herald process: database, Temporal (embedded or external), worker,
// sandbox and API. `./herald start` calls it; tests can call it with their own config.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createDb, migrateDb, pingDb, usePreparedStatements, type DbHandle } from '@herald/db';
import { previewSend, startHeraldWorker } from '@herald/activities';
import { ChannelClients, setEgressPolicy } from '@herald/channels';
import { assertPortFree, startTemporalDevServer, RuntimeError, type DevServer } from '@herald/runtime';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { editorDistDir, ensureEditorBuilt } from '@herald/editor/build';
import { buildApp } from './app';
import type { AppDeps } from './deps';
import { ensureDefaultWorkspace } from './services/bootstrap.service';
import { startDrainer } from './services/drainer.service';
import { startEmployeeRequestSweep, startHousekeeping } from './services/housekeeping.service';
import { egressOf, type HeraldConfig } from './config';

export interface RunningHerald {
  apiUrl: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  /** Settles if a part Herald cannot run without dies (the embedded database's thread): stop, then exit. */
  failed: Promise<Error>;
  stop(): Promise<void>;
}

/** Reads HERALD_SECRET_KEY, or a key generated once into the data folder. */
function secretKey(config: HeraldConfig): Buffer {
  if (config.HERALD_SECRET_KEY) return Buffer.from(config.HERALD_SECRET_KEY, 'hex');
  const file = join(config.HERALD_DATA_DIR, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

async function connectTemporal(address: string): Promise<Connection> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 5000 });
    await connection.workflowService.getSystemInfo({});
    return connection;
  } catch (cause) {
    throw new RuntimeError(
      'HERALD_ERR_TEMPORAL_UNREACHABLE',
      `cannot reach Temporal at ${address}; check TEMPORAL_ADDRESS, or unset it to start the embedded dev server.`,
      { cause },
    );
  }
}

// The editor is a Vite bundle cached in editor/dist: built on a fresh clone, rebuilt when its sources changed.
async function buildEditor(io: { log(line: string): void }): Promise<void> {
  try {
    const { built, ms } = await ensureEditorBuilt();
    if (built) io.log(`editor: built in ${(ms / 1000).toFixed(1)} s`);
  } catch (cause) {
    const problem = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new RuntimeError(
      'HERALD_ERR_EDITOR_BUILD',
      `the editor could not be built (${problem}); run pnpm --filter @herald/editor build to see why.`,
      { cause },
    );
  }
}

/** Starts every part of Herald in this process and returns how to stop it, in reverse order. */
export async function startHerald(config: HeraldConfig, io: { log(line: string): void }): Promise<RunningHerald> {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this process.
  }
  const stops: Array<() => Promise<unknown>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    await assertPortFree(config.PORT, 'Herald API', 'PORT', config.HOST);
    mkdirSync(config.HERALD_DATA_DIR, { recursive: true });
    const key = secretKey(config);
    usePreparedStatements(config.HERALD_DB_PREPARED === 'on');
    // Built while the database and Temporal start; awaited before the API serves it.
    const editor = buildEditor(io);
    editor.catch(() => {});

    const db: DbHandle = await createDb(
      config.DATABASE_URL
        ? { url: config.DATABASE_URL, name: 'herald api' }
        : { dataDir: resolve(config.HERALD_DATA_DIR, 'pglite') },
    );
    stops.push(() => db.close());
    await migrateDb(db, config.DATABASE_URL);

    let dev: DevServer | undefined;
    let address: string;
    if (config.TEMPORAL_ADDRESS) {
      address = config.TEMPORAL_ADDRESS;
    } else {
      dev = await startTemporalDevServer({
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        dbFile: resolve(config.HERALD_DATA_DIR, 'temporal.db'),
        namespace: config.TEMPORAL_NAMESPACE,
      });
      stops.push(() => dev!.stop());
      address = dev.address;
    }
    const temporal = await connectTemporal(address);
    stops.push(() => temporal.close());

    let sandbox: Sandbox | undefined;
    if (config.HERALD_SANDBOX === 'on') {
      await assertPortFree(config.SANDBOX_PORT, 'channel sandbox', 'SANDBOX_PORT');
      await assertPortFree(config.SANDBOX_SMTP_PORT, 'sandbox SMTP', 'SANDBOX_SMTP_PORT');
      sandbox = await startSandbox({ port: config.SANDBOX_PORT, smtpPort: config.SANDBOX_SMTP_PORT });
      stops.push(() => sandbox!.close());
    }

    setEgressPolicy(egressOf(config));
    // One registry for the process: the API's metrics, its process metrics and its worker's.
    const metrics = new Registry();
    collectDefaultMetrics({ register: metrics });
    // One set of provider clients for the worker and the API: one access token per account and process.
    const channels = new ChannelClients();
    stops.push(async () => channels.close());
    if (config.HERALD_WORKER === 'on') {
      // On PostgreSQL the worker has a pool of its own, as it has in a process of its own (./herald worker): a
      // run's lanes hold connections for their pages and settlements, and the webhooks' group commits must
      // never wait for one of them to come free while a backlog drains. (PGlite has one connection anyway.)
      const workerDb = config.DATABASE_URL ? await createDb({ url: config.DATABASE_URL, name: 'herald worker' }) : db;
      if (workerDb !== db) stops.push(() => workerDb.close());
      const worker = await startHeraldWorker({
        channels,
        db: workerDb.db,
        secretKey: key,
        address,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        metrics,
      });
      stops.push(() => worker.stop());
    }

    const firstLogin = await ensureDefaultWorkspace(db.db, config.HERALD_DATA_DIR);
    const smtpUrl = config.HERALD_SMTP_URL ?? (sandbox ? `smtp://127.0.0.1:${sandbox.smtpPort}` : undefined);
    const transport = smtpUrl ? nodemailer.createTransport(smtpUrl, { from: config.HERALD_MAIL_FROM }) : undefined;
    if (transport) stops.push(async () => transport.close());
    const deps: AppDeps = {
      db: db.db,
      channels,
      previewSend,
      ...(transport ? { mailer: { sendMail: (m) => transport.sendMail(m) } } : {}),
      ...(sandbox ? { sandboxUrl: sandbox.url } : {}),
      ...(config.HERALD_PUBLIC_URL ? { publicUrl: config.HERALD_PUBLIC_URL } : {}),
      secretKey: key,
      temporal: {
        client: new Client({ connection: temporal, namespace: config.TEMPORAL_NAMESPACE }),
        taskQueue: config.TEMPORAL_TASK_QUEUE,
      },
      probes: {
        database: async () => {
          await pingDb(db.db);
          return db.describe;
        },
        temporal: async () => {
          await temporal.workflowService.getSystemInfo({});
          return address;
        },
      },
    };
    const drainer = startDrainer(deps);
    stops.push(() => drainer.stop());
    const housekeeping = startHousekeeping(deps, 3_600_000, (line) => io.log(line));
    stops.push(async () => housekeeping.stop());
    const sweep = startEmployeeRequestSweep({ ...deps, channels }, 60_000, (line) => io.log(line));
    stops.push(async () => sweep.stop());
    await editor;
    const app = await buildApp(deps, {
      logger: { level: 'warn' },
      rateLimits: {
        apiPerMinute: config.HERALD_RATE_LIMIT_API,
        webhooksPerMinute: config.HERALD_RATE_LIMIT_WEBHOOKS,
        loginPerMinute: config.HERALD_RATE_LIMIT_LOGIN,
        providerPerMinute: config.HERALD_RATE_LIMIT_PROVIDER,
      },
      editorDir: editorDistDir,
      trustProxy: config.HERALD_TRUST_PROXY === 'on',
      secureCookies: config.HERALD_PUBLIC_URL?.startsWith('https:') ? true : 'auto',
      metrics,
      ...(config.HERALD_METRICS_TOKEN ? { metricsToken: config.HERALD_METRICS_TOKEN } : {}),
    });
    stops.push(() => app.close());
    deps.log = app.log;
    await app.listen({ host: config.HOST, port: config.PORT });
    const apiUrl = `http://${config.HOST}:${config.PORT}`;

    io.log(`Herald is running.`);
    io.log(`  editor & API   ${apiUrl}   (docs: ${apiUrl}/docs, health: ${apiUrl}/health, metrics: ${apiUrl}/metrics)`);
    if (config.HERALD_WORKER === 'off')
      io.log('  worker         none in this process (HERALD_WORKER=off): run ./herald worker');
    io.log(`  database       ${db.describe}`);
    io.log(`  temporal       ${address}${dev?.uiUrl ? `   (Web UI: ${dev.uiUrl})` : ''}`);
    if (sandbox)
      io.log(`  sandbox        ${sandbox.url}   (messages that "arrive"; SMTP on 127.0.0.1:${sandbox.smtpPort})`);
    if (firstLogin) {
      io.log(`  sign in        ${firstLogin.email} / ${firstLogin.password}`);
      io.log(`  API key        ${firstLogin.apiKey}   (Authorization: Bearer …)`);
    }
    io.log('Press Ctrl-C to stop.');
    return {
      apiUrl,
      temporalAddress: address,
      ...(dev?.uiUrl ? { temporalUiUrl: dev.uiUrl } : {}),
      failed: db.crashed ?? new Promise<Error>(() => {}),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
