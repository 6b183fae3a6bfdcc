// A fault in the normal test run: the worker process (scripts/worker.ts, as `./herald worker`)
// SIGKILLed mid-send on 2,000 contacts and restarted; then every contact has exactly one final
// delivery row and the sandbox received each message exactly once. The page that was in flight
// waits out the activity's heartbeat timeout (1 minute) before the new worker retries it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceTrigger, broadcastJourney, liftedMemberRates } from '@herald/engine/testing';
import type { RunInput } from '@herald/engine/workflows';
import { deliveryBatchJoin, deliveryStatus, sql } from '@herald/db';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { NodeProcess } from '../../faults/processes';
import {
  deliveryTally,
  publish,
  seedAccount,
  seedContacts,
  seedTag,
  seedWorkspace,
  testSecretKey,
} from '../fixtures/seed';
import { devServer, uniqueTaskQueue } from '../temporal/env';

const contacts = 2000;
let db: TestDatabase;
let sandbox: Sandbox;
let worker: NodeProcess;
const taskQueue = uniqueTaskQueue('worker-kill');

beforeAll(async () => {
  [db, sandbox] = await Promise.all([createTestDatabase(), startSandbox({ confirmDelayMs: 0, smtpPort: -1 })]);
  worker = new NodeProcess(
    'worker',
    'scripts/worker.ts',
    {
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: process.env.HERALD_TEST_TEMPORAL_ADDRESS ?? '',
      HERALD_SECRET_KEY: testSecretKey.toString('hex'),
      TEMPORAL_TASK_QUEUE: taskQueue,
    },
    /herald worker: polling/,
  );
});
afterAll(async () => {
  await worker?.kill('SIGTERM');
  await sandbox?.close();
  await db?.close();
});

describe('a worker process killed mid-send', () => {
  it('is restarted and the broadcast still reaches every contact exactly once', async () => {
    const { workspaceId, employeeId } = await seedWorkspace(db.db);
    // One employee owns every contact: the account lifts WeCom's per-member rates (this is about kills, not pacing).
    const wecom = await seedAccount(db.db, workspaceId, 'wecom', sandbox.url, {}, liftedMemberRates());
    const tag = await seedTag(db.db, workspaceId, 'VIP');
    await seedContacts(db.db, {
      workspaceId,
      n: contacts,
      ownerEmployeeId: employeeId,
      identity: { kind: 'wecom_external_userid', valuePrefix: 'wm' },
      tags: [{ tagId: tag, every: 1 }],
    });
    const text = 'Killed mid-send';
    const run = await publish(
      db.db,
      workspaceId,
      broadcastJourney(
        { channelAccountId: wecom, method: 'wecom_agent', groupName: undefined, messages: [{ type: 'text', text }] },
        audienceTrigger({ kind: 'tags', mode: 'any', tagIds: [tag], excludeTagIds: [] }),
      ),
    );
    // Slow provider calls keep pages in flight long enough to be killed inside one.
    sandbox.faults.set('wecom', { latencyMs: 150 });
    const arrived = () => sandbox.store.query({ method: 'agent' }).filter((m) => m.content === text);

    await worker.start();
    const temporal = await devServer();
    try {
      const input: RunInput = {
        workspaceId,
        runId: run.runId,
        journeyVersionId: run.versionId,
        mode: 'batch',
        pageSize: 100,
        concurrency: 4,
      };
      const handle = await temporal.client.workflow.start('journeyRunWorkflow', {
        taskQueue,
        workflowId: `run/${run.runId}`,
        args: [input],
      });
      const deadline = Date.now() + 60_000;
      while (arrived().length < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      const atKill = arrived().length;
      await worker.kill('SIGKILL');
      const [open] = (await db.db.execute(
        sql`select count(*)::int as n from deliveries d ${deliveryBatchJoin} where d.run_id = ${run.runId}::uuid
          and ${deliveryStatus} in ('pending', 'sending')`,
      )) as unknown as Array<{ n: number }>;
      const restartMs = await worker.start();
      const result = await handle.result();
      const tally = await deliveryTally(db.db, run.runId);
      const messages = arrived();
      const perRecipient = new Map<string, number>();
      for (const m of messages) perRecipient.set(m.recipient, (perRecipient.get(m.recipient) ?? 0) + 1);
      const [rows] = (await db.db.execute(
        sql`select count(*)::int as n, count(distinct contact_id)::int as contacts from deliveries
          where run_id = ${run.runId}::uuid`,
      )) as unknown as Array<{ n: number; contacts: number }>;
      console.log(
        `worker-kill: SIGKILL at ${atKill}/${contacts} arrived, ${open!.n} rows pending/sending at the kill; ` +
          `restarted in ${restartMs} ms; ledger ${JSON.stringify(tally)}, ${rows!.n} rows for ${rows!.contacts} ` +
          `contacts; sandbox ${messages.length} messages to ${perRecipient.size} recipients; provider duplicate ` +
          `check dropped ${sandbox.store.duplicatesSuppressed} resends; workflow ${JSON.stringify(result)}`,
      );
      expect(atKill).toBeLessThan(contacts);
      // Each went to its owning employee, who sent it on; no callback is configured here, so Herald's rows
      // wait as pending_employee (the messages themselves are counted in the sandbox below).
      expect(tally).toEqual({ pending_employee: contacts });
      expect(rows).toEqual({ n: contacts, contacts });
      expect(messages).toHaveLength(contacts);
      expect(perRecipient.size).toBe(contacts);
      expect(result).toMatchObject({ status: 'completed', sent: contacts });
    } finally {
      await temporal.close();
    }
  }, 240_000);
});
