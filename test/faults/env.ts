// Everything a fault scenario runs against, all on 127.0.0.1: a throwaway PostgreSQL cluster, the
// Temporal dev server on a SQLite file, the channel sandbox with its SMTP server (in this process, so
// the suite can set faults and count what arrived), one worker process (`scripts/worker.ts`, as `./herald worker`)
// and one API process (test/faults/api-main.ts), each restartable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateDb, type DbHandle } from '@herald/db';
import { ensureDefaultWorkspace } from '@herald/api';
import { freePort, startTemporalDevServer, type DevServer } from '@herald/runtime';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { NodeProcess } from './processes';
import { startThrowawayPostgres, type ThrowawayPostgres } from './postgres';

const secretKey = 'ab'.repeat(32);
const taskQueue = 'herald-faults';

/** The Temporal dev server on a database file, restartable on the same port. */
export class RestartableTemporal {
  private dev: DevServer | undefined;
  constructor(
    readonly port: number,
    readonly dbFile: string,
  ) {}
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.dev = await startTemporalDevServer({ port: this.port, dbFile: this.dbFile, readyTimeoutMs: 60_000 });
        return;
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
  async stop(): Promise<void> {
    await this.dev?.stop();
    this.dev = undefined;
  }
}

/**
 * What a fault needs of a process it kills and restarts: a NodeProcess here, a ChildService in the cluster
 * (cluster-env.ts).
 */
export type Restartable = Pick<NodeProcess, 'crashes' | 'tail' | 'kill' | 'start' | 'killNow' | 'pid'>;

export interface FaultEnv {
  pg: ThrowawayPostgres;
  temporal: Pick<RestartableTemporal, 'address' | 'start' | 'stop'>;
  sandbox: Sandbox;
  worker: Restartable;
  api: Restartable;
  apiUrl: string;
  db: DbHandle;
  key: string;
  workspaceId: string;
  /** An API call with the workspace key; retried (bounded) while the API is down or answers 5xx. */
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
  /** Stops every child at once, synchronously (the suite is being interrupted). */
  abort(): void;
}

/** Starts the environment; logs how long each part took. */
export async function startFaultEnv(log: (line: string) => void): Promise<FaultEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-faults-'));
  const t0 = Date.now();
  const pg = await startThrowawayPostgres();
  log(`postgres: throwaway cluster on 127.0.0.1:${pg.port} (${Date.now() - t0} ms)`);
  const temporal = new RestartableTemporal(await freePort(), join(dir, 'temporal.db'));
  const [db, sandbox] = await Promise.all([
    (async () => {
      const handle = await createDb({ url: pg.url, max: 4 });
      await migrateDb(handle, pg.url);
      return handle;
    })(),
    startSandbox({ port: 0, smtpPort: 0, confirmDelayMs: 0 }),
    temporal.start(),
  ]);
  log(
    `temporal: dev server ${temporal.address} on ${temporal.dbFile}; sandbox ${sandbox.url}; ` +
      `database migrated (${Date.now() - t0} ms)`,
  );
  const login = (await ensureDefaultWorkspace(db.db, dir))!;
  const common = {
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporal.address,
    HERALD_SECRET_KEY: secretKey,
    TEMPORAL_TASK_QUEUE: taskQueue,
  };
  const apiPort = await freePort();
  const worker = new NodeProcess('worker', 'scripts/worker.ts', common, /herald worker: polling/);
  const api = new NodeProcess(
    'api',
    'test/faults/api-main.ts',
    { ...common, PORT: String(apiPort) },
    /herald api: listening/,
  );
  const [workerMs, apiMs] = await Promise.all([worker.start(), api.start()]);
  worker.supervise = true;
  api.supervise = true;
  log(`worker process up in ${workerMs} ms; API process up in ${apiMs} ms on 127.0.0.1:${apiPort}`);
  const apiUrl = `http://127.0.0.1:${apiPort}`;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const deadline = Date.now() + 120_000;
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(`${apiUrl}${path}`, {
          method,
          signal: AbortSignal.timeout(30_000),
          headers: {
            authorization: `Bearer ${login.apiKey}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        if (res.status < 500) {
          if (res.status >= 400) {
            const refused = new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
            throw Object.assign(refused, { final: true });
          }
          return JSON.parse(text) as T;
        }
        if (Date.now() > deadline) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
      } catch (error) {
        if ((error as { final?: boolean }).final || Date.now() > deadline) throw error;
      }
      await new Promise((r) => setTimeout(r, Math.min(2000, 200 * attempt)));
    }
  };

  return {
    pg,
    temporal,
    sandbox,
    worker,
    api,
    apiUrl,
    db,
    key: login.apiKey,
    workspaceId: login.workspace,
    call,
    close: async () => {
      await Promise.all([worker.kill('SIGTERM'), api.kill('SIGTERM')]);
      await sandbox.close();
      await db.close();
      await temporal.stop();
      pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    abort: () => {
      worker.killNow();
      api.killNow();
      pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * WeCom reaches a customer through the employee who owns them (issue 15): adds 20 employees named
 * `${prefix}-emp0…19` through the API and returns who owns the i-th contact (in turn). The sandbox's
 * employees send every request on at once.
 */
export async function employeesOwning(env: FaultEnv, prefix: string): Promise<(i: number) => string[]> {
  const employees = Array.from({ length: 20 }, (_, k) => `${prefix}-emp${k}`);
  for (const wecomUserId of employees) await env.call('POST', '/api/employees', { wecomUserId, name: wecomUserId });
  return (i) => [employees[i % employees.length]!];
}
