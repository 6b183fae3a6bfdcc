import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@herald/db';
import type { JourneyGraph, JourneyNode } from '@herald/engine';
import { agentSend, node } from '@herald/engine/testing';
import { uniqueTaskQueue } from '../temporal/env';
import { publish, seedTag } from '../fixtures/seed';
import { startWorkflowRig, tagAudience, type WorkflowRig } from './harness';

let rig: WorkflowRig;
const taskQueue = uniqueTaskQueue('run');

beforeAll(async () => {
  rig = await startWorkflowRig(taskQueue, 6);
});
afterAll(async () => {
  await rig?.close();
});

/** Publishes a batch journey and runs its workflow to the end on the time-skipping server. */
async function runBatch(graph: JourneyGraph) {
  const published = await publish(rig.h.db.db, rig.h.workspaceId, graph, 'journey');
  const result = (await (await rig.startBatchRun(published)).result()) as unknown;
  return { ...published, result };
}

/** What the sandbox received as agent messages, per WeCom id, in order. */
const inbox = () => {
  const byRecipient: Record<string, string[]> = {};
  for (const m of rig.h.sandbox.store.query({ method: 'agent' })) (byRecipient[m.recipient] ??= []).push(m.content);
  return byRecipient;
};

const stats = async (versionId: string) =>
  Object.fromEntries(
    (
      (await rig.h.db.db.execute(
        sql`select node_id, entered, waiting, sent, skipped from node_stats
          where journey_version_id = ${versionId}::uuid`,
      )) as unknown as Array<{ node_id: string; entered: number; waiting: number; sent: number; skipped: number }>
    ).map((r) => [r.node_id, { entered: r.entered, waiting: r.waiting, sent: r.sent, skipped: r.skipped }]),
  );

describe('the set-based engine runs a whole batch journey', () => {
  it('audience → split on a tag → "vip offer" on yes, "standard offer" on no: one branch each, once', async () => {
    const { h } = rig;
    const gold = await seedTag(h.db.db, h.workspaceId, 'Gold');
    await h.db.db.execute(sql`insert into contact_tags (workspace_id, contact_id, tag_id)
      select workspace_id, id, ${gold}::uuid from contacts where external_id in ('c1', 'c2')`);
    const send = (id: string, text: string): JourneyNode =>
      agentSend(id, { channelAccountId: h.wecom, messages: [{ type: 'text', text }] });
    const graph: JourneyGraph = {
      nodes: [
        tagAudience(h.tag),
        node('split', 'split', { mode: 'yes_no', condition: { kind: 'has_tag', tagId: gold } }),
        send('vip', 'vip offer'),
        send('standard', 'standard offer'),
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'split' },
        { id: 'e2', source: 'split', sourceHandle: 'yes', target: 'vip' },
        { id: 'e3', source: 'split', sourceHandle: 'no', target: 'standard' },
      ],
      settings: { reentry: { mode: 'never' } },
    };
    const { result, versionId, runId } = await runBatch(graph);
    expect(result).toMatchObject({ status: 'completed', sent: 6 });
    const got = inbox();
    expect(got).toEqual({
      wm1: ['vip offer'],
      wm2: ['vip offer'],
      wm3: ['standard offer'],
      wm4: ['standard offer'],
      wm5: ['standard offer'],
      wm6: ['standard offer'],
    });
    expect(await stats(versionId)).toMatchObject({
      split: { entered: 6, waiting: 0 },
      vip: { entered: 2, waiting: 0, sent: 2 },
      standard: { entered: 4, waiting: 0, sent: 4 },
    });
    const states = (await h.db.db.execute(
      sql`select status, count(*)::int as n from journey_states where run_id = ${runId}::uuid group by status`,
    )) as unknown as Array<{ status: string; n: number }>;
    expect(states).toEqual([{ status: 'done', n: 6 }]);
  });
});
