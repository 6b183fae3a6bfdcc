import { NativeConnection, Worker } from '@temporalio/worker';
import type { Registry } from 'prom-client';
import type { HeraldDb } from '@herald/db';
import { ChannelClients } from '@herald/channels';
import { createActivities } from './create-activities';
import { loadWorkflowBundle } from '@herald/runtime';
import { activityMetrics } from './metrics/activity-metrics.interceptor';

export interface HeraldWorkerOptions {
  db: HeraldDb;
  secretKey: Buffer;
  address: string;
  namespace?: string;
  taskQueue: string;
  /** Activities running at once in this worker (pages are large; a few suffice). */
  maxConcurrentActivities?: number;
  /** Where the worker's Prometheus metrics go (activity executions, durations, send outcomes). */
  metrics?: Registry;
  /** The providers' clients, when the process shares them (herald.ts: with the API); absent: the worker's own. */
  channels?: ChannelClients;
}

export interface HeraldWorker {
  worker: Worker;
  run: Promise<void>;
  stop(): Promise<void>;
}

/** Creates the Temporal worker with Herald's workflows and real activities, and starts polling. */
export async function startHeraldWorker(options: HeraldWorkerOptions): Promise<HeraldWorker> {
  const connection = await NativeConnection.connect({ address: options.address });
  const bundle = await loadWorkflowBundle();
  const channels = options.channels ?? new ChannelClients();
  const worker = await Worker.create({
    connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    workflowBundle: { code: bundle.code },
    activities: createActivities({ db: options.db, secretKey: options.secretKey, channels }),
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities ?? 16,
    ...(options.metrics ? { interceptors: { activity: [activityMetrics(options.metrics)] } } : {}),
  });
  const run = worker.run();
  return {
    worker,
    run,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await run.catch(() => {});
      if (!options.channels) channels.close();
      await connection.close();
    },
  };
}
