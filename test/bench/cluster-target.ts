// `./herald bench --cluster`: the benchmarks' target in the production shape — the cluster that
// `./herald cluster` runs (a Temporal server on PostgreSQL, API replicas, two worker processes) on
// throwaway databases of the machine's PostgreSQL — and the bare workflow rate of each Temporal
// server, measured in the same run, so cluster and dev-server figures can be read side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { createDb } from '@herald/db';
import type { TestDatabase } from '@herald/db/testing';
import { dropClusterDatabases, findFreePortBase, startCluster, type Cluster } from '@herald/api/cluster';
import { freePort, startTemporalDevServer, type DevServer } from '@herald/runtime';
import { bareRate } from './realtime.bench';
import { startWorkerProcess } from './stack';
import { testSecretKey } from '../src/fixtures/seed';

export interface BenchCluster {
  cluster: Cluster;
  db: TestDatabase;
  temporalAddress: string;
  /** Both workers' memory together (the benchmark samples it as one worker's). */
  workersRss: { rssMiB(): number };
  describe: string;
  stop(): Promise<void>;
}

/** Starts a throwaway cluster whose workers poll `taskQueue`; stop() stops it and drops its databases. */
export async function startBenchCluster(taskQueue: string): Promise<BenchCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-bench-cluster-'));
  const started = Date.now();
  const adminUrl = process.env.CLUSTER_POSTGRES_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const prefix = `herald_bench_${randomBytes(3).toString('hex')}`;
  const cluster = await startCluster({
    adminUrl,
    databasePrefix: prefix,
    portBase: await findFreePortBase(),
    apis: 2,
    workers: 2,
    stateDir: dir,
    taskQueue,
    // The benchmark seeds channel accounts sealed with the tests' key: the workers must open them.
    secretKey: testSecretKey.toString('hex'),
    log: (line) => console.log(line),
  }).catch(async (error: unknown) => {
    await dropClusterDatabases(adminUrl, prefix);
    throw error;
  });
  // Interrupted (Ctrl-C, timeout): leave no server, replica or worker behind, nor the databases.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      for (const s of [...cluster.workers, ...cluster.apis, cluster.temporal.service]) s.killNow();
      void cluster.dropDatabases().finally(() => process.exit(130));
    });
  const handle = await createDb({ url: cluster.databaseUrl });
  const db: TestDatabase = { ...handle, url: cluster.databaseUrl, name: cluster.databases.herald };
  return {
    cluster,
    db,
    temporalAddress: cluster.temporal.address,
    workersRss: { rssMiB: () => cluster.workers.reduce((sum, w) => sum + w.rssMiB(), 0) },
    describe:
      `Temporal server on PostgreSQL (4 history shards) at ${cluster.temporal.address}, ` +
      `${cluster.apis.length} API replicas, ${cluster.workers.length} worker processes ` +
      `(pids ${cluster.workers.map((w) => w.pid).join(', ')}), up in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    stop: async () => {
      await cluster.stop();
      await cluster.dropDatabases();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function rateOn(address: string, taskQueue: string, n: number): Promise<number> {
  const connection = await Connection.connect({ address });
  try {
    return await bareRate(new Client({ connection }), taskQueue, n);
  } finally {
    await connection.close();
  }
}

/**
 * The bare workflow rate (started and completed, 32 at a time) of the cluster's server and of the dev
 * server in its two modes, one after the other in this run, each with worker processes polling it.
 */
export async function serverRates(bench: BenchCluster, n: number): Promise<void> {
  const cluster = await rateOn(bench.temporalAddress, bench.cluster.taskQueue, n);
  console.log(
    `raw limit, Temporal server on PostgreSQL (4 shards; ${bench.cluster.workers.length} workers): ` +
      `${n} bare workflows: ${cluster.toFixed(0)} workflows/s`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'herald-bench-dev-'));
  for (const dbFile of [undefined, join(dir, 'temporal.db')]) {
    const dev: DevServer = await startTemporalDevServer({ port: await freePort(), ...(dbFile ? { dbFile } : {}) });
    const worker = await startWorkerProcess({
      databaseUrl: bench.db.url,
      temporalAddress: dev.address,
      taskQueue: 'bench-bare',
    });
    try {
      const rate = await rateOn(dev.address, 'bench-bare', n);
      console.log(
        `raw limit, Temporal dev server ` +
          `(${dbFile ? 'SQLite file, as ./herald start' : 'in memory, as the dev-shape benchmarks'}; 1 worker): ` +
          `${n} bare workflows: ${rate.toFixed(0)} workflows/s ` +
          `(the cluster's server: ${(cluster / rate).toFixed(2)}x this)`,
      );
    } finally {
      await worker.kill('SIGTERM');
      await dev.stop();
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
