// Helpers every Temporal test shares: the run's dev server and bundle (from global setup), a
// time-skipping server from the pinned binary, and a worker that always shuts down.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { findTemporalBinaries } from '@herald/runtime';

function fromEnv(name: 'HERALD_TEST_TEMPORAL_ADDRESS' | 'HERALD_TEST_WORKFLOW_BUNDLE'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through vitest, whose global setup starts Temporal`);
  return value;
}

/** A client connection to the run's shared dev server; close it when done. */
export async function devServer(): Promise<{
  address: string;
  connection: Connection;
  client: Client;
  close(): Promise<void>;
}> {
  const address = fromEnv('HERALD_TEST_TEMPORAL_ADDRESS');
  const connection = await Connection.connect({ address });
  return { address, connection, client: new Client({ connection }), close: () => connection.close() };
}

/** A worker-side connection to the run's shared dev server; close it when done. */
export function devServerNativeConnection(): Promise<NativeConnection> {
  return NativeConnection.connect({ address: fromEnv('HERALD_TEST_TEMPORAL_ADDRESS') });
}

/** The run's workflow bundle, built once by global setup; pass it as `workflowBundle`. */
export function workflowBundle(): { code: string } {
  return { code: readFileSync(fromEnv('HERALD_TEST_WORKFLOW_BUNDLE'), 'utf8') };
}

/** A time-skipping test server from the pinned binary (the SDK's download does not work here). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const { testServer } = findTemporalBinaries();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServer } },
  });
}

/** A unique task queue per test so tests sharing a server never take each other's tasks. */
export const uniqueTaskQueue = (prefix = 'test'): string => `${prefix}-${randomUUID()}`;

export type RunWorkerOptions = Omit<WorkerOptions, 'connection' | 'workflowBundle' | 'workflowsPath' | 'taskQueue'> & {
  taskQueue?: string;
};

/**
 * Runs `fn` while a worker with the shared bundle polls a task queue (unique unless given), then
 * shuts the worker down. Without a connection it connects to the run's dev server and closes after.
 */
export async function runWorker<T>(
  options: RunWorkerOptions,
  fn: (ctx: { taskQueue: string }) => Promise<T>,
): Promise<T>;
export async function runWorker<T>(
  connection: NativeConnection,
  options: RunWorkerOptions,
  fn: (ctx: { taskQueue: string }) => Promise<T>,
): Promise<T>;
export async function runWorker<T>(
  ...args:
    | [RunWorkerOptions, (ctx: { taskQueue: string }) => Promise<T>]
    | [NativeConnection, RunWorkerOptions, (ctx: { taskQueue: string }) => Promise<T>]
): Promise<T> {
  const [given, options, fn] = args.length === 3 ? args : [undefined, ...args];
  const connection = given ?? (await devServerNativeConnection());
  try {
    const taskQueue = options.taskQueue ?? uniqueTaskQueue('worker');
    const worker = await Worker.create({ ...options, connection, taskQueue, workflowBundle: workflowBundle() });
    return await worker.runUntil(() => fn({ taskQueue }));
  } finally {
    if (!given) await connection.close();
  }
}
