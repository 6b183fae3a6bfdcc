// Two Herald worker processes on one broadcast: they share the work (pages go to both), they share
// the platform's rate limit (reserved in PostgreSQL, not in a worker's memory), and no fan gets
// the message twice. Real processes, the real dev server, the real sandbox over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';
import { sql } from '@herald/db';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { audienceTrigger, broadcastJourney } from '@herald/engine/testing';
import type { RunInput } from '@herald/engine/workflows';
import { devServer, uniqueTaskQueue } from '../temporal/env';
import { deliveryTally, publish, seedAccount, seedContacts, seedTag, seedWorkspace } from '../fixtures/seed';
import type { NodeProcess } from '../../faults/processes';
import { startWorkerProcess } from '../fixtures/worker-process';

const fans = 3000;
const pageSize = 250;
const callsPerMinute = 6;

let db: TestDatabase;
let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof devServer>>;
const workers: NodeProcess[] = [];
const taskQueue = uniqueTaskQueue('multi-worker');

beforeAll(async () => {
  [db, sandbox, server] = await Promise.all([
    createTestDatabase(),
    startSandbox({ confirmDelayMs: 0, smtpPort: -1 }),
    devServer(),
  ]);
  // Two slots each: with four pages in flight, neither worker can take them all.
  workers.push(
    ...(await Promise.all(
      [1, 2].map(() =>
        startWorkerProcess({ databaseUrl: db.url, temporalAddress: server.address, taskQueue, activities: 2 }),
      ),
    )),
  );
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill('SIGTERM')));
  await server?.close();
  await sandbox?.close();
  await db?.close();
});

describe('two worker processes on one broadcast', () => {
  it("share the pages and the account's rate limit, and send each fan exactly once", async () => {
    const { workspaceId, employeeId } = await seedWorkspace(db.db);
    // The mass-send API limit (60 calls a minute by default) lowered so the test crosses a window.
    const wechat = await seedAccount(
      db.db,
      workspaceId,
      'wechat_service',
      sandbox.url,
      { appId: 'wx-multi' },
      { wechat_mass_api_rate: { limit: callsPerMinute } },
    );
    const tag = await seedTag(db.db, workspaceId, 'Fans');
    await seedContacts(db.db, {
      workspaceId,
      n: fans,
      ownerEmployeeId: employeeId,
      identity: { kind: 'wechat_openid', accountId: wechat, valuePrefix: 'ofan' },
      tags: [{ tagId: tag, every: 1 }],
    });
    const run = await publish(
      db.db,
      workspaceId,
      broadcastJourney(
        { channelAccountId: wechat, channel: 'wechat_service', method: 'wechat_mass', groupName: undefined },
        audienceTrigger({ kind: 'tags', mode: 'any', tagIds: [tag], excludeTagIds: [] }),
      ),
    );
    const input: RunInput = {
      workspaceId,
      runId: run.runId,
      journeyVersionId: run.versionId,
      mode: 'batch',
      pageSize,
      concurrency: 4,
    };
    const handle = await server.client.workflow.start('journeyRunWorkflow', {
      taskQueue,
      workflowId: `run/${run.runId}`,
      args: [input],
    });
    const result = await handle.result();

    // Exactly once: a final row per fan, one message per fan at the sandbox.
    expect(result).toMatchObject({ status: 'completed', sent: fans });
    expect(await deliveryTally(db.db, run.runId)).toEqual({ sent: fans });
    const counts = sandbox.store.countByRecipient({ channel: 'wechat', method: 'mass' });
    expect(counts.size).toBe(fans);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);

    // The rate limit held across both workers: never more than `callsPerMinute` calls in a minute.
    const calls = new Map<string, number>();
    const perCall = new Map<string, number>();
    for (const m of sandbox.store.query({ channel: 'wechat', method: 'mass' })) {
      calls.set(m.providerMessageId, m.at);
      perCall.set(m.providerMessageId, (perCall.get(m.providerMessageId) ?? 0) + 1);
    }
    // A page holds at most `pageSize` fans and ends where a lock bucket ends (docs/ARCHITECTURE.md), so a
    // page may hold a few fans less: at most one call more than the fewest possible.
    expect(Math.max(...perCall.values())).toBeLessThanOrEqual(pageSize);
    expect(calls.size).toBeGreaterThanOrEqual(fans / pageSize);
    expect(calls.size).toBeLessThanOrEqual(fans / pageSize + 1);
    const perMinute = new Map<number, number>();
    for (const at of calls.values())
      perMinute.set(Math.floor(at / 60_000), (perMinute.get(Math.floor(at / 60_000)) ?? 0) + 1);
    expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(callsPerMinute);
    expect(perMinute.size).toBeGreaterThanOrEqual(2);
    const [used] = (await db.db.execute(
      sql`select coalesce(max(count), 0)::int as n from quota_usage where workspace_id = ${workspaceId}::uuid
        and policy = 'wechat_mass_api_rate'`,
    )) as unknown as Array<{ n: number }>;
    expect(used!.n).toBeLessThanOrEqual(callsPerMinute);

    // Both worker processes sent pages (their identities are pid@host).
    const identities = new Set<string>();
    const history = await handle.fetchHistory();
    const pageActivities = new Set<number>();
    for (const e of history.events ?? []) {
      if (e.activityTaskScheduledEventAttributes?.activityType?.name === 'enterRange')
        pageActivities.add(Number(e.eventId));
      const started = e.activityTaskStartedEventAttributes;
      if (started && pageActivities.has(Number(started.scheduledEventId))) identities.add(String(started.identity));
    }
    expect([...identities].map((i) => Number(i.split('@')[0])).sort()).toEqual(workers.map((w) => w.pid).sort());
  }, 150_000);
});
