// One more Temporal worker for an existing Herald (`./herald worker`: a second machine, or a
// second process here). Reads DATABASE_URL, TEMPORAL_ADDRESS and HERALD_SECRET_KEY (all required:
// a worker joins a running deployment, it never starts embedded services), plus
// TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, HERALD_WORKER_ACTIVITIES (activities at once) and
// HERALD_METRICS_PORT (its /metrics and /health, on HOST).
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createDb, pingDb, usePreparedStatements } from '@herald/db';
import { startHeraldWorker, startOpsServer } from '@herald/activities';
import { egressOf, readConfig } from './config';
import { setEgressPolicy } from '@herald/channels';

function required(name: string, value: string | undefined): string {
  if (value) return value;
  throw Object.assign(new Error(`${name} is required for a worker (it joins a running Herald); set it.`), {
    code: 'HERALD_ERR_CONFIG',
  });
}

/** Runs the worker until SIGINT/SIGTERM, with its metrics endpoint when HERALD_METRICS_PORT is set. */
export async function main(): Promise<void> {
  const config = readConfig();
  Runtime.install({ logger: new DefaultLogger('WARN') });
  setEgressPolicy(egressOf(config));
  usePreparedStatements(config.HERALD_DB_PREPARED === 'on');
  const db = await createDb({ url: required('DATABASE_URL', config.DATABASE_URL), name: 'herald worker' });
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const worker = await startHeraldWorker({
    db: db.db,
    secretKey: Buffer.from(required('HERALD_SECRET_KEY', config.HERALD_SECRET_KEY), 'hex'),
    address: required('TEMPORAL_ADDRESS', config.TEMPORAL_ADDRESS),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    metrics,
    ...(process.env.HERALD_WORKER_ACTIVITIES
      ? { maxConcurrentActivities: Number(process.env.HERALD_WORKER_ACTIVITIES) }
      : {}),
  });
  const ops =
    config.HERALD_METRICS_PORT === undefined
      ? undefined
      : await startOpsServer({
          host: config.HOST,
          port: config.HERALD_METRICS_PORT,
          registry: metrics,
          ready: async () => {
            const state = worker.worker.getState();
            if (state !== 'RUNNING') throw new Error(`the worker is ${state.toLowerCase()}`);
            await pingDb(db.db);
          },
        });
  process.stdout.write(
    `herald worker: polling ${config.TEMPORAL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS} (pid ${process.pid})` +
      `${ops ? `, metrics ${ops.url}/metrics` : ''}\n`,
  );
  const stop = async (): Promise<void> => {
    await worker.stop();
    await ops?.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await worker.run;
}
