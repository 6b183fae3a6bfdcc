// The production shape on one machine: a Temporal server on PostgreSQL, API replicas (each with its
// drainer, no worker inside) and `./herald worker` processes, all on the local PostgreSQL, each its
// own OS process. `./herald cluster` runs it; the benchmarks and fault scenarios start it too.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { assertPortFree, repoRoot, RuntimeError } from '@herald/runtime';
import { databaseUrl, dropDatabase, ensureDatabase, serverVersion } from '@herald/db';
import { ChildService } from './child-service';
import { provisionTemporalServer, setupTemporalSchemas, TemporalServer, temporalPorts } from './temporal-postgres';

export interface ClusterOptions {
  /** A PostgreSQL URL allowed to create databases (its database part is ignored). */
  adminUrl: string;
  /**
   * Prefix of the cluster's three databases: `<prefix>_herald`, `<prefix>_temporal`, `<prefix>_temporal_visibility`.
   */
  databasePrefix: string;
  /**
   * API replicas listen on `base`, `base + 1`, …; worker metrics on `base + 10`, …;
   * Temporal on `base + 30` … `base + 39`.
   */
  portBase: number;
  apis: number;
  workers: number;
  /** Config, logs, the secret key and the first sign-in. */
  stateDir: string;
  taskQueue?: string;
  namespace?: string;
  /** Activities at once per worker (HERALD_WORKER_ACTIVITIES). */
  workerActivities?: number;
  /** HERALD_SECRET_KEY for every process (64 hex); default: generated once into the state folder. */
  secretKey?: string;
  /** More environment for the API replicas and workers (e.g. rate limits for a benchmark). */
  env?: Record<string, string>;
  log: (line: string) => void;
}

export interface Cluster {
  temporal: TemporalServer;
  apis: ChildService[];
  workers: ChildService[];
  apiUrls: string[];
  workerMetricsUrls: string[];
  temporalMetricsUrl: string;
  databaseUrl: string;
  databases: { herald: string; temporal: string; visibility: string };
  secretKey: string;
  taskQueue: string;
  /** Stops every process, workers and replicas first, the Temporal server last. */
  stop(): Promise<void>;
  /** Drops the cluster's databases (after stop; for throwaway clusters of benchmarks and faults). */
  dropDatabases(): Promise<void>;
}

/** The names of a cluster's three databases. */
export function clusterDatabases(prefix: string): { herald: string; temporal: string; visibility: string } {
  return { herald: `${prefix}_herald`, temporal: `${prefix}_temporal`, visibility: `${prefix}_temporal_visibility` };
}

/** Drops a cluster's databases (a throwaway cluster that failed to start, or `--fresh`). */
export async function dropClusterDatabases(adminUrl: string, prefix: string): Promise<void> {
  for (const name of Object.values(clusterDatabases(prefix))) await dropDatabase(adminUrl, name);
}

/** The cluster's secret key: kept in its state folder so restarts can read the credentials sealed before. */
function secretKey(stateDir: string): string {
  const file = join(stateDir, 'secret.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function answers(url: string): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
}

/** Provisions and starts the whole cluster; on any failure stops what it started and rethrows. */
export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const stateDir = resolve(o.stateDir);
  mkdirSync(join(stateDir, 'logs'), { recursive: true });
  const taskQueue = o.taskQueue ?? 'herald';
  const namespace = o.namespace ?? 'default';
  const databases = clusterDatabases(o.databasePrefix);
  if (!Number.isInteger(o.portBase) || o.portBase < 1024 || o.portBase + 39 > 32_767)
    throw new RuntimeError(
      'HERALD_ERR_CONFIG',
      `--port-base ${o.portBase} is not usable: the cluster takes 40 ports from it and the Temporal server stores ` +
        'its ports as smallint, so choose a base from 1024 to 32728.',
    );
  try {
    o.log(`herald: PostgreSQL ${await serverVersion(o.adminUrl)} at ${new URL(o.adminUrl).host}`);
  } catch (cause) {
    throw new RuntimeError(
      'HERALD_ERR_CLUSTER_POSTGRES_UNREACHABLE',
      `cannot connect to PostgreSQL at ${new URL(o.adminUrl).host} to create the cluster's databases; start it or ` +
        'set CLUSTER_POSTGRES_URL to a user that may create databases.',
      { cause },
    );
  }
  const apiPorts = Array.from({ length: o.apis }, (_, i) => o.portBase + i);
  const metricsPorts = Array.from({ length: o.workers }, (_, i) => o.portBase + 10 + i);
  for (const port of apiPorts) await assertPortFree(port, 'a cluster API replica', '--port-base');
  for (const port of metricsPorts) await assertPortFree(port, 'a cluster worker (metrics)', '--port-base');

  const dir = await provisionTemporalServer(o.log);
  await setupTemporalSchemas(dir, o.adminUrl, databases);
  await ensureDatabase(o.adminUrl, databases.herald);
  const heraldUrl = databaseUrl(o.adminUrl, databases.herald);
  const key = o.secretKey ?? secretKey(stateDir);

  const temporal = new TemporalServer({
    dir,
    adminUrl: o.adminUrl,
    names: databases,
    ports: temporalPorts(o.portBase + 30),
    stateDir,
    namespace,
  });
  const started: ChildService[] = [];
  const stopAll = async (): Promise<void> => {
    for (const s of started.filter((s) => s !== temporal.service).reverse()) await s.stop();
    await temporal.stop();
  };
  const env = {
    DATABASE_URL: heraldUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    HERALD_SECRET_KEY: key,
    HERALD_SANDBOX: 'off',
    ...o.env,
  };
  const node = (script: string) => [process.execPath, ['--import', 'tsx', join(repoRoot, script)]] as const;
  try {
    o.log(`herald: starting the Temporal server on PostgreSQL (${databases.temporal}) at ${temporal.address}`);
    started.push(temporal.service);
    await temporal.start();
    const apis = apiPorts.map((port, i) => {
      const [command, args] = node('scripts/start.ts');
      return new ChildService({
        name: `API replica ${i + 1}`,
        command,
        args: [...args],
        cwd: repoRoot,
        env: { ...env, PORT: String(port), HERALD_WORKER: 'off', HERALD_DATA_DIR: join(stateDir, 'api') },
        logFile: join(stateDir, 'logs', `api-${i + 1}.log`),
        ready: () => answers(`http://127.0.0.1:${port}/health/ready`),
      });
    });
    const workers = metricsPorts.map((port, i) => {
      const [command, args] = node('scripts/worker.ts');
      return new ChildService({
        name: `worker ${i + 1}`,
        command,
        args: [...args],
        cwd: repoRoot,
        env: {
          ...env,
          HERALD_METRICS_PORT: String(port),
          ...(o.workerActivities ? { HERALD_WORKER_ACTIVITIES: String(o.workerActivities) } : {}),
        },
        logFile: join(stateDir, 'logs', `worker-${i + 1}.log`),
        ready: () => answers(`http://127.0.0.1:${port}/health/ready`),
      });
    });
    // The first replica migrates the database alone; the others and the workers start together after it.
    o.log(`herald: starting ${o.apis} API replicas and ${o.workers} workers`);
    started.push(apis[0]!);
    await apis[0]!.start();
    started.push(...apis.slice(1), ...workers);
    await Promise.all([...apis.slice(1), ...workers].map((s) => s.start()));
    return {
      temporal,
      apis,
      workers,
      apiUrls: apiPorts.map((p) => `http://127.0.0.1:${p}`),
      workerMetricsUrls: metricsPorts.map((p) => `http://127.0.0.1:${p}/metrics`),
      temporalMetricsUrl: `http://127.0.0.1:${o.portBase + 39}/metrics`,
      databaseUrl: heraldUrl,
      databases,
      secretKey: key,
      taskQueue,
      stop: stopAll,
      dropDatabases: () => dropClusterDatabases(o.adminUrl, o.databasePrefix),
    };
  } catch (error) {
    await stopAll().catch(() => {});
    throw error;
  }
}

/** A port base whose 40 ports (replicas, workers' metrics, Temporal) are all free now: for throwaway clusters. */
export async function findFreePortBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // Temporal stores membership ports as smallint: every port must stay below 32768.
    const base = 20_000 + Math.floor(Math.random() * 1200) * 10;
    try {
      for (let port = base; port < base + 40; port++) await assertPortFree(port, 'probe', '--port-base');
      return base;
    } catch {
      // One of them is taken: try another range.
    }
  }
  throw new RuntimeError('HERALD_ERR_PORT_BUSY', 'found no range of 40 free ports for a cluster; set --port-base.');
}
