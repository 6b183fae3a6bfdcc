// Message variants with an automatic winner, through the set-based engine on the time-skipping server
// with the real activities, PostgreSQL and the sandbox: the test share gets the variants by share, the
// run waits, the z-test picks the variant read most, and the rest of the audience gets the winner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTestShare, sql, variantBucket, variantOf } from '@herald/db';
import type { JourneyGraph } from '@herald/engine';
import { agentSend } from '@herald/engine/testing';
import { uniqueTaskQueue } from '../temporal/env';
import { publish } from '../fixtures/seed';
import { startWorkflowRig, tagAudience, type WorkflowRig } from './harness';

let rig: WorkflowRig;
const taskQueue = uniqueTaskQueue('experiment');
const n = 60;

beforeAll(async () => {
  rig = await startWorkflowRig(taskQueue, n);
});
afterAll(async () => {
  await rig?.close();
});

const rows = async <T>(query: ReturnType<typeof sql>) => (await rig.h.db.db.execute(query)) as unknown as T[];

/** A broadcast to every contact: variant a ("Hello") and b ("Hi there") at 50/50, the winner by reads. */
function experiment(testPercent: number): JourneyGraph {
  return {
    nodes: [
      tagAudience(rig.h.tag),
      agentSend('send', {
        channelAccountId: rig.h.wecom,
        messages: [{ type: 'text', text: 'Hello' }],
        variants: [
          { id: 'a', share: 50 },
          { id: 'b', share: 50, messages: [{ type: 'text', text: 'Hi there' }] },
        ],
        winner: { metric: 'read', after: { amount: 4, unit: 'hours' }, testPercent },
      }),
    ],
    edges: [{ id: 'e1', source: 'trigger', target: 'send' }],
    settings: { reentry: { mode: 'never' } },
  };
}

const inbox = (text: string) =>
  rig.h.sandbox.store
    .query({ method: 'agent' })
    .filter((m) => m.content === text)
    .map((m) => m.recipient);

describe('an experiment with a winner', () => {
  it('sends the variants to the test share, waits, picks the variant read most and sends it to the rest', async () => {
    const { h } = rig;
    const graph = experiment(40);
    const published = await publish(h.db.db, h.workspaceId, graph, 'broadcast');
    const at = { journeyId: published.journeyId, nodeId: 'send' };
    // Who the stable hashes put in the test share, and in which variant.
    const expected = await rows<{ id: string; tested: boolean; variant: string }>(sql`
      select id, ${inTestShare(at, 40, sql`id`)} as tested,
        ${variantOf(
          {
            ...at,
            variants: [
              { id: 'a', share: 50 },
              { id: 'b', share: 50 },
            ],
          },
          variantBucket({ ...at, variants: [] }, sql`id`),
        )} as variant
      from contacts`);
    const tested = expected.filter((c) => c.tested);
    expect(tested.length).toBeGreaterThan(10);
    expect(tested.length).toBeLessThan(n - 10);

    const handle = await rig.startBatchRun(published);
    const sentRows = () =>
      rows<{ contact: string; variant: string; status: string }>(
        sql`select contact_id as contact, variant, status from deliveries where run_id = ${published.runId}::uuid`,
      );
    // The test share is sent (the server does not skip time until the result is awaited).
    await expect.poll(() => inbox('Hello').length + inbox('Hi there').length, { timeout: 30_000 }).toBe(tested.length);
    const first = await sentRows();
    expect(Object.fromEntries(first.map((r) => [r.contact, r.variant]))).toEqual(
      Object.fromEntries(tested.map((c) => [c.id, c.variant])),
    );

    // Everyone who got b reads it; nobody reads a. a's messages still wait for their employee (the harness's
    // WeCom app tells Herald nothing): handed out, they count in a's rate as sends.
    await h.db.db.execute(
      sql`update deliveries set status = 'read', read_at = now()
        where run_id = ${published.runId}::uuid and variant = 'b'`,
    );
    const progress = await handle.result();
    expect(progress).toMatchObject({ status: 'completed', total: n, processed: n, sent: n });

    const [decision] = await rows<{ winner: string; p_value: number; confidence: number; significant: boolean }>(
      sql`select winner, p_value, confidence, significant from experiment_decisions
        where run_id = ${published.runId}::uuid`,
    );
    expect(decision).toMatchObject({ winner: 'b', significant: true });
    expect(Number(decision!.confidence)).toBeGreaterThan(0.95);
    // The rest got the winner; each contact exactly one message.
    const all = await sentRows();
    expect(all).toHaveLength(n);
    const testedB = tested.filter((c) => c.variant === 'b').length;
    expect(inbox('Hi there')).toHaveLength(testedB + (n - tested.length));
    expect(inbox('Hello')).toHaveLength(tested.length - testedB);
    expect(new Set([...inbox('Hello'), ...inbox('Hi there')]).size).toBe(n);
  });
});
