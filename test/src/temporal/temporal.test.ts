import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnv, devServer, runWorker, uniqueTaskQueue, workflowBundle } from './env';

describe("the run's shared dev server", () => {
  it('runs smokeSleep to completion with a worker on the shared bundle', async () => {
    const server = await devServer();
    try {
      const result = await runWorker({}, ({ taskQueue }) =>
        server.client.workflow.execute('smokeSleep', { taskQueue, workflowId: `smoke-${taskQueue}`, args: [50] }),
      );
      expect(result).toBe(50);
    } finally {
      await server.close();
    }
  });
});

describe('the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('finishes a 30-day sleep in under 5 s of wall time', async () => {
    const taskQueue = uniqueTaskQueue('skip');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: workflowBundle(),
    });
    const thirtyDays = 30 * 24 * 3600 * 1000;
    const started = Date.now();
    const result = await worker.runUntil(
      env.client.workflow.execute('smokeSleep', { taskQueue, workflowId: `sleep-${taskQueue}`, args: [thirtyDays] }),
    );
    const wall = Date.now() - started;
    console.log(`30-day sleep took ${wall} ms of wall time`);
    expect(result).toBe(thirtyDays);
    expect(wall).toBeLessThan(5000);
  });
});
