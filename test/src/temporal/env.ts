import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { findTemporalBinaries } from '@herald/activities/runtime';

/** The run's shared dev server (started by global setup). */
export async function devServer(): Promise<{ address: string; connection: Connection; client: Client; close(): Promise<void> }> {
  const address = process.env.HERALD_TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('HERALD_TEST_TEMPORAL_ADDRESS is not set: run through vitest with the global setup');
  const connection = await Connection.connect({ address });
  return { address, connection, client: new Client({ connection }), close: () => connection.close() };
}

/** The run's workflow bundle, built once by global setup. */
export function workflowBundle(): { code: string } {
  const path = process.env.HERALD_TEST_WORKFLOW_BUNDLE;
  if (!path) throw new Error('HERALD_TEST_WORKFLOW_BUNDLE is not set: run through vitest with the global setup');
  return { code: readFileSync(path, 'utf8') };
}

/** A time-skipping test server from the pinned binary (no download at run time). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const { testServer } = findTemporalBinaries();
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServer } } });
}

/** A unique task queue per test so tests sharing a server never take each other's tasks. */
export const uniqueTaskQueue = (prefix = 'test'): string => `${prefix}-${randomUUID()}`;

/** Runs `fn` while a worker with the shared bundle polls `taskQueue`, then shuts it down. */
export async function runWorker<T>(
  connection: NativeConnection,
  options: Omit<WorkerOptions, 'connection' | 'workflowBundle' | 'workflowsPath'>,
  fn: () => Promise<T>,
): Promise<T> {
  const worker = await Worker.create({ connection, workflowBundle: workflowBundle(), ...options });
  return worker.runUntil(fn);
}

/** A worker-side connection to the shared dev server. */
export function devServerNativeConnection(): Promise<NativeConnection> {
  const address = process.env.HERALD_TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('HERALD_TEST_TEMPORAL_ADDRESS is not set');
  return NativeConnection.connect({ address });
}
