import { NativeConnection, Worker } from '@temporalio/worker';
import type { HeraldDb } from '@herald/db';
import { loadWorkflowBundle } from './runtime/workflow-bundle';

export interface HeraldWorkerOptions {
  db: HeraldDb;
  address: string;
  namespace?: string;
  taskQueue: string;
}

export interface HeraldWorker { worker: Worker; run: Promise<void>; stop(): Promise<void> }

/** Creates the Temporal worker with Herald's workflows and activities and starts polling. */
export async function startHeraldWorker(options: HeraldWorkerOptions): Promise<HeraldWorker> {
  const connection = await NativeConnection.connect({ address: options.address });
  const bundle = await loadWorkflowBundle();
  const worker = await Worker.create({
    connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    workflowBundle: { code: bundle.code },
    activities: {},
  });
  const run = worker.run();
  return {
    worker,
    run,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await run.catch(() => {});
      await connection.close();
    },
  };
}
