// The fault suite's environment in the production shape (`./herald faults --cluster`): the cluster
// `./herald cluster` runs — a Temporal server on PostgreSQL, two API replicas, two worker processes,
// on throwaway databases of the machine's PostgreSQL — plus the sandbox in this process. Calls and
// webhooks go round-robin over the replicas, as a load balancer without health checks would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createDb } from '@herald/db';
import { ensureDefaultWorkspace } from '@herald/api';
import { dropClusterDatabases, findFreePortBase, startCluster, type Cluster } from '@herald/api/cluster';
import { startSandbox } from '@herald/sandbox';
import type { FaultEnv } from './env';

export type ClusterFaultEnv = FaultEnv & { cluster: Cluster };

const adminUrl = () => process.env.CLUSTER_POSTGRES_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

/**
 * Starts the cluster and the sandbox; the result behaves as the dev-shape FaultEnv, with `cluster` for cluster
 * faults.
 */
export async function startClusterFaultEnv(log: (line: string) => void): Promise<ClusterFaultEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-faults-cluster-'));
  const t0 = Date.now();
  const prefix = `herald_faults_${randomBytes(3).toString('hex')}`;
  const cluster = await startCluster({
    adminUrl: adminUrl(),
    databasePrefix: prefix,
    portBase: await findFreePortBase(),
    apis: 2,
    workers: 2,
    stateDir: dir,
    taskQueue: 'herald-faults',
    log,
  }).catch(async (error: unknown) => {
    await dropClusterDatabases(adminUrl(), prefix);
    throw error;
  });
  log(
    `cluster: Temporal server on PostgreSQL ${cluster.temporal.address}, API replicas ${cluster.apiUrls.join(' ')}, ` +
      `workers pids ${cluster.workers.map((w) => w.pid).join(' ')} (${Date.now() - t0} ms)`,
  );
  const [db, sandbox] = await Promise.all([
    createDb({ url: cluster.databaseUrl, max: 4 }),
    startSandbox({ port: 0, smtpPort: 0, confirmDelayMs: 0 }),
  ]);
  const login = (await ensureDefaultWorkspace(db.db, join(dir, 'api')))!;

  let turn = 0;
  const env = {
    // The machine's PostgreSQL is not the suite's to restart: the postgres-restart fault is for the dev shape.
    pg: {
      url: cluster.databaseUrl,
      port: Number(new URL(cluster.databaseUrl).port || 5432),
      restart: () =>
        Promise.reject(new Error('the cluster runs on the machine PostgreSQL; postgres-restart is not run')),
      stop: () => {},
    },
    temporal: cluster.temporal,
    sandbox,
    worker: cluster.workers[0]!,
    api: cluster.apis[0]!,
    /** Round-robin over the replicas: each read is the next one. */
    get apiUrl(): string {
      return cluster.apiUrls[turn++ % cluster.apiUrls.length]!;
    },
    db,
    key: login.apiKey,
    workspaceId: login.workspace,
    cluster,
    close: async () => {
      await cluster.stop();
      await sandbox.close();
      await db.close();
      await cluster.dropDatabases();
      rmSync(dir, { recursive: true, force: true });
    },
    abort: () => {
      for (const s of [...cluster.workers, ...cluster.apis, cluster.temporal.service]) s.killNow();
      rmSync(dir, { recursive: true, force: true });
      // abort() is synchronous and the suite exits right after it: the databases cannot be dropped in time.
      process.stderr.write(
        `faults: the cluster's databases ${Object.values(cluster.databases).join(', ')} are left; ` +
          'drop them or rerun.\n',
      );
    },
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const deadline = Date.now() + 120_000;
    for (let attempt = 1; ; attempt++) {
      const url = env.apiUrl;
      try {
        const res = await fetch(`${url}${path}`, {
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
          if (res.status >= 400)
            throw Object.assign(new Error(`${method} ${url}${path} → ${res.status}: ${text.slice(0, 300)}`), {
              final: true,
            });
          return JSON.parse(text) as T;
        }
        if (Date.now() > deadline) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
      } catch (error) {
        if ((error as { final?: boolean }).final || Date.now() > deadline) throw error;
      }
      await new Promise((r) => setTimeout(r, Math.min(2000, 200 * attempt)));
    }
  };
  return Object.assign(env, { call });
}
