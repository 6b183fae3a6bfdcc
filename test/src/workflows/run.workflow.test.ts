import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@herald/db';
import type { JourneyGraph, JourneyNode } from '@herald/engine';
import { agentSend, node } from '@herald/engine/testing';
import { uniqueTaskQueue } from '../temporal/env';
import { publish, seedAccount, seedTag } from '../fixtures/seed';
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

  /**
   * audience → wait 1 day → WeChat mass message to `n` fans whose ids fill `buckets` lock buckets (first three hex
   * digits) evenly, in pages of `pageSize`: the mass calls the sandbox received, after checking each fan got it once.
   */
  async function laterMassCalls(account: string, n: number, buckets: number, pageSize: number): Promise<number> {
    const { h } = rig;
    const wechat = await seedAccount(h.db.db, h.workspaceId, 'wechat_service', h.sandbox.url, { appId: account });
    const fans = await seedTag(h.db.db, h.workspaceId, account);
    await h.db.db.execute(sql`with made as (
        insert into contacts (id, workspace_id, external_id, name)
        select (${account.slice(-1)} || lpad(to_hex(g % ${buckets}), 2, '0') || lpad(to_hex(g), 5, '0')
            || '-0000-4000-8000-000000000000')::uuid,
          ${h.workspaceId}::uuid, ${account} || g, 'Fan ' || g
        from generate_series(1, ${n}) g returning id, external_id),
      identified as (
        insert into contact_identities (workspace_id, contact_id, kind, channel_account_id, value)
        select ${h.workspaceId}::uuid, id, 'wechat_openid', ${wechat}::uuid, 'o-' || external_id from made)
      insert into contact_tags (workspace_id, contact_id, tag_id) select ${h.workspaceId}::uuid, id, ${fans}::uuid
      from made`);
    const graph: JourneyGraph = {
      nodes: [
        tagAudience(fans),
        node('wait', 'wait', { duration: { amount: 1, unit: 'days' } }),
        node('mass', 'send', {
          channelAccountId: wechat,
          channel: 'wechat_service',
          method: 'wechat_mass',
          type: 'contacts',
          messages: [{ type: 'text', text: 'later mass' }],
        }),
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'wait' },
        { id: 'e2', source: 'wait', target: 'mass' },
      ],
      settings: { reentry: { mode: 'never' } },
    };
    const published = await publish(h.db.db, h.workspaceId, graph, 'journey');
    const result: unknown = await (await rig.startBatchRun(published, { pageSize })).result();
    expect(result).toMatchObject({ status: 'completed', sent: n });
    const received = h.sandbox.store.query({ channel: 'wechat', method: 'mass', account });
    expect(new Set(received.map((m) => m.recipient)).size).toBe(n);
    expect(received.length).toBe(n);
    return new Set(received.map((m) => m.providerMessageId)).size;
  }

  // Cut where lock buckets end (as other steps' ranges are), pages hold up to a bucket less than a page, and a
  // million fans would take more than the account's 100 mass calls a day. Exact pages: the fewest calls.
  it('a later mass step, planned in ranges: 90 fans in 3 buckets, pages of 20, in 5 full calls', async () => {
    // 90 due is more than the run moves itself (4 lanes of 20): the workflow's lanes take ranges (bucket-aligned: 6).
    expect(await laterMassCalls('wx-later-a', 90, 3, 20)).toBe(5);
  });

  it("a later mass step, moved in the run's own call: 50 fans in 5 buckets, pages of 20, in 3 full calls", async () => {
    // 50 due: moved inside advanceRun, a page at a time (in lanes of a share each: 4 calls).
    expect(await laterMassCalls('wx-later-b', 50, 5, 20)).toBe(3);
  });
});
