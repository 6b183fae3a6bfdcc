import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeConnection } from '@temporalio/worker';
import { audienceTrigger, broadcastJourney } from '@herald/engine/testing';
import type { RunInput } from '@herald/engine/workflows';
import { devServer, devServerNativeConnection, runWorker, uniqueTaskQueue } from '../temporal/env';
import { agentText, deliveryTally, publish } from '../fixtures/seed';
import { createHarness, type Harness } from './harness';

let h: Harness;
let connection: NativeConnection;
beforeAll(async () => {
  [h, connection] = await Promise.all([createHarness(20_000), devServerNativeConnection()]);
});
afterAll(async () => {
  await connection?.close();
  await h?.close();
});

describe('a 20,000-contact broadcast on the dev server', () => {
  it('continues as new (suggested early by dynamic config) and sends each contact exactly once', async () => {
    const server = await devServer();
    const taskQueue = uniqueTaskQueue('can');
    const run = await publish(
      h.db.db,
      h.workspaceId,
      broadcastJourney(agentText(h.wecom, 'twenty thousand'), audienceTrigger({ kind: 'all' })),
    );
    const input: RunInput = {
      workspaceId: h.workspaceId,
      runId: run.runId,
      journeyVersionId: run.versionId,
      mode: 'batch',
      pageSize: 200,
    };
    try {
      const result = await runWorker(
        connection,
        { taskQueue, activities: h.activities, maxConcurrentActivityTaskExecutions: 4 },
        async () => {
          const handle = await server.client.workflow.start('journeyRunWorkflow', {
            taskQueue,
            workflowId: `run/${run.runId}`,
            args: [input],
          });
          const progress = await handle.result();
          // The latest run of the workflow id differs from the first one only if it continued as new.
          const latest = await server.client.workflow.getHandle(`run/${run.runId}`).describe();
          return { progress, continued: latest.runId !== handle.firstExecutionRunId };
        },
      );
      expect(result.continued).toBe(true);
      expect(result.progress).toMatchObject({ status: 'completed', total: 20_000, sent: 20_000, processed: 20_000 });
      const perRecipient = h.sandbox.store.countByRecipient({ method: 'agent' });
      expect(perRecipient.size).toBe(20_000);
      expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
      // Handed to each contact's employee (no app callback here): waiting in Herald's ledger, sent on in the sandbox.
      expect(await deliveryTally(h.db.db, run.runId)).toEqual({ pending_employee: 20_000 });
    } finally {
      await server.close();
    }
  }, 180_000);
});
