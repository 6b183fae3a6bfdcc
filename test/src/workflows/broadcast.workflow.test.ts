import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { broadcastJourney } from '@herald/engine/testing';
import {
  cancelSignal,
  pauseSignal,
  progressQuery,
  resumeSignal,
  runWorkflowId,
  type RunInput,
} from '@herald/engine/workflows';
import { uniqueTaskQueue } from '../temporal/env';
import { deliveryTally, publish, seedAccount, seedContacts, seedTag } from '../fixtures/seed';
import { startWorkflowRig, tagAudience, type Harness, type WorkflowRig } from './harness';

let env: TestWorkflowEnvironment;
let h: Harness;
let rig: WorkflowRig;
const taskQueue = uniqueTaskQueue('broadcast');

beforeAll(async () => {
  rig = await startWorkflowRig(taskQueue, 300);
  ({ env, h } = rig);
});
afterAll(async () => {
  await rig?.close();
});

const audience = () => tagAudience(h.tag);

async function start(text: string, extra: Partial<RunInput> = {}) {
  const run = await publish(
    h.db.db,
    h.workspaceId,
    broadcastJourney(
      { channelAccountId: h.wecom, method: 'wecom_agent', groupName: undefined, messages: [{ type: 'text', text }] },
      audience(),
    ),
  );
  return { handle: await startRun(run, extra), run };
}

/** Starts a published broadcast's run workflow in pages of 50 (`extra` on top). */
async function startRun(run: { runId: string; versionId: string }, extra: Partial<RunInput> = {}) {
  const input: RunInput = {
    workspaceId: h.workspaceId,
    runId: run.runId,
    journeyVersionId: run.versionId,
    mode: 'batch',
    pageSize: 50,
    ...extra,
  };
  return env.client.workflow.start('journeyRunWorkflow', {
    taskQueue,
    workflowId: runWorkflowId(run.runId),
    args: [input],
  });
}

const sentWith = (text: string) => h.sandbox.store.query({ method: 'agent' }).filter((m) => m.content === text).length;

async function until(fn: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a broadcast (a batch run of one send) on the time-skipping server, with the real activities', () => {
  it('a scheduled broadcast does nothing before its time, then sends every contact once', async () => {
    const sendAt = (await env.currentTimeMs()) + 3600_000;
    const { handle, run } = await start('scheduled', { sendAt });
    expect(await handle.query(progressQuery)).toMatchObject({ status: 'scheduled', sent: 0 });
    await env.sleep('59 minutes');
    expect(await handle.query(progressQuery)).toMatchObject({ status: 'scheduled', sent: 0 });
    expect(sentWith('scheduled')).toBe(0);
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'completed', total: 300, sent: 300, processed: 300 });
    expect(sentWith('scheduled')).toBe(300);
    // Agent messages wait for their employee in Herald's ledger (no app callback here); the sandbox has them.
    expect(await deliveryTally(h.db.db, run.runId)).toEqual({ pending_employee: 300 });
  });

  it('pause holds sends and resume finishes them', async () => {
    const sendAt = (await env.currentTimeMs()) + 600_000;
    const { handle } = await start('paused', { sendAt });
    await handle.signal(pauseSignal);
    await env.sleep('15 minutes');
    await until(async () => (await handle.query(progressQuery)).status === 'paused');
    await new Promise((r) => setTimeout(r, 300));
    expect(sentWith('paused')).toBe(0);
    await handle.signal(resumeSignal);
    expect(await handle.result()).toMatchObject({ status: 'completed', sent: 300 });
    expect(sentWith('paused')).toBe(300);
  });

  it('cancel stops the sends and keeps the counts of what went out', async () => {
    h.sandbox.faults.set('wecom', { latencyMs: 150 });
    try {
      const { handle, run } = await start('canceled', { concurrency: 2 });
      await until(async () => (await handle.query(progressQuery)).pages >= 1);
      await handle.signal(cancelSignal);
      const result = await handle.result();
      expect(result.status).toBe('canceled');
      expect(result.sent).toBeGreaterThanOrEqual(50);
      expect(result.sent).toBeLessThan(300);
      expect(sentWith('canceled')).toBe(result.sent);
      expect(await deliveryTally(h.db.db, run.runId)).toEqual({ pending_employee: result.sent });
    } finally {
      h.sandbox.faults.clear();
    }
  });

  it('reads WeCom group-message confirmations before completing', async () => {
    const run = await publish(
      h.db.db,
      h.workspaceId,
      broadcastJourney(
        { channelAccountId: h.wecom, groupName: 'Group', messages: [{ type: 'text', text: 'group hello' }] },
        audience(),
      ),
    );
    const input: RunInput = {
      workspaceId: h.workspaceId,
      runId: run.runId,
      journeyVersionId: run.versionId,
      mode: 'batch',
      pageSize: 100,
    };
    const result = await env.client.workflow.execute('journeyRunWorkflow', {
      taskQueue,
      workflowId: runWorkflowId(run.runId),
      args: [input],
    });
    expect(result).toMatchObject({ status: 'completed', sent: 300 });
    expect(await deliveryTally(h.db.db, run.runId)).toEqual({ delivered: 300 });
  });

  it('a WeChat mass message to 230 fans in pages of 50: 5 full calls, each fan once, ranges taken apart', async () => {
    // A send whose calls an account quota counts enters in exact ranges, a full call each; the lanes take them
    // every other one first (neighbours meet inside a lock bucket). Whatever the order, no range is lost or
    // taken twice: 230 fans, 5 calls, one message each.
    const wechat = await seedAccount(h.db.db, h.workspaceId, 'wechat_service', h.sandbox.url, { appId: 'wx-apart' });
    const fans = await seedTag(h.db.db, h.workspaceId, 'Fans');
    await seedContacts(h.db.db, {
      workspaceId: h.workspaceId,
      n: 230,
      prefix: 'fan',
      identity: { kind: 'wechat_openid', accountId: wechat, valuePrefix: 'o-apart-' },
      tags: [{ tagId: fans, every: 1 }],
    });
    const run = await publish(
      h.db.db,
      h.workspaceId,
      broadcastJourney(
        { channelAccountId: wechat, channel: 'wechat_service', method: 'wechat_mass', groupName: undefined },
        tagAudience(fans),
      ),
    );
    const result = await (await startRun(run, { concurrency: 4, resultPolls: { times: 0, everyMs: 1 } })).result();
    expect(result).toMatchObject({ status: 'completed', sent: 230 });
    const received = h.sandbox.store.query({ channel: 'wechat', method: 'mass', account: 'wx-apart' });
    expect(received.length).toBe(230);
    expect(new Set(received.map((m) => m.recipient)).size).toBe(230);
    expect(new Set(received.map((m) => m.providerMessageId)).size).toBe(5);
    expect(await deliveryTally(h.db.db, run.runId)).toEqual({ sent: 230 });
  });
});
