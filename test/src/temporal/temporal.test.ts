import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { assertPortFree, freePort, loadWorkflowBundle, startTemporalDevServer } from '@herald/activities/runtime';
import { createTimeSkippingEnv, devServer, devServerNativeConnection, runWorker, uniqueTaskQueue, workflowBundle } from './env';
import { Worker } from '@temporalio/worker';
import { createServer } from 'node:net';

describe('real Temporal servers', () => {
  it('runs a workflow to completion on the dev server', async () => {
    const server = await devServer();
    const connection = await devServerNativeConnection();
    const taskQueue = uniqueTaskQueue('smoke');
    try {
      const result = await runWorker(connection, { taskQueue }, () =>
        server.client.workflow.execute('smokeSleep', { taskQueue, workflowId: `smoke-${taskQueue}`, args: [50] }));
      expect(result).toBe(50);
    } finally {
      await connection.close();
      await server.close();
    }
  });

  describe('time-skipping server', () => {
    let env: TestWorkflowEnvironment;
    beforeAll(async () => { env = await createTimeSkippingEnv(); });
    afterAll(async () => { await env?.teardown(); });

    it('finishes a 30-day sleep in under 5 s of wall time', async () => {
      const taskQueue = uniqueTaskQueue('skip');
      const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle() });
      const thirtyDays = 30 * 24 * 3600 * 1000;
      const started = Date.now();
      const result = await worker.runUntil(env.client.workflow.execute('smokeSleep', { taskQueue, workflowId: `sleep-${taskQueue}`, args: [thirtyDays] }));
      const wall = Date.now() - started;
      console.log(`30-day sleep took ${wall} ms of wall time`);
      expect(result).toBe(thirtyDays);
      expect(wall).toBeLessThan(5000);
    });
  });
});

describe('runtime helpers', () => {
  it('caches the workflow bundle: a second load is a hit, another cache folder rebuilds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    const first = await loadWorkflowBundle({ cacheDir: dir });
    const second = await loadWorkflowBundle({ cacheDir: dir });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.code).toBe(first.code);
  });

  it('refuses a busy port with a sentence that names it', async () => {
    const port = await freePort();
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      await expect(assertPortFree(port, 'test', 'TEST_PORT')).rejects.toMatchObject({ code: 'HERALD_ERR_PORT_BUSY', message: expect.stringContaining(String(port)) });
      await expect(startTemporalDevServer({ port })).rejects.toMatchObject({ code: 'HERALD_ERR_PORT_BUSY' });
    } finally {
      holder.close();
    }
  });
});
