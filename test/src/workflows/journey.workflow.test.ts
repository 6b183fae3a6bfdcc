import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from '@herald/db';
import type { JourneyGraph } from '@herald/engine';
import { followJourney, agentSend } from '@herald/engine/testing';
import { contactEventSignal } from '@herald/engine/workflows';
import { uniqueTaskQueue } from '../temporal/env';
import { startWorkflowRig, type Harness, type WorkflowRig } from './harness';

let env: TestWorkflowEnvironment;
let h: Harness;
let rig: WorkflowRig;
const taskQueue = uniqueTaskQueue('journey');

beforeAll(async () => {
  rig = await startWorkflowRig(taskQueue, 5);
  ({ env, h } = rig);
});
afterAll(async () => {
  await rig?.close();
});

const start = (graph: JourneyGraph, external: string) => rig.startJourney(graph, external);

/** follow → wait_for_event(purchase, 2 days) → event: "Thanks", timeout: "Still thinking?" */
function purchaseJourney(wecom: string): JourneyGraph {
  const g = followJourney({ channelAccountId: wecom });
  return {
    ...g,
    nodes: [
      g.nodes[0]!,
      {
        id: 'wfe',
        kind: 'wait_for_event',
        position: { x: 0, y: 100 },
        data: { eventName: 'purchase', timeout: { amount: 2, unit: 'days' }, filters: [] },
      },
      agentSend('thanks', { channelAccountId: wecom, messages: [{ type: 'text', text: 'Thanks for your order' }] }),
      agentSend('nudge', { channelAccountId: wecom, messages: [{ type: 'text', text: 'Still thinking?' }] }),
    ],
    edges: [
      { id: 'e1', source: 'trigger', target: 'wfe' },
      { id: 'e2', source: 'wfe', sourceHandle: 'event', target: 'thanks' },
      { id: 'e3', source: 'wfe', sourceHandle: 'timeout', target: 'nudge' },
    ],
  };
}

describe('journey interpreter on the time-skipping server, with the real activities', () => {
  it('a 3-day wait finishes at once and the agent message reaches the sandbox', async () => {
    const graph = followJourney({ channelAccountId: h.wecom });
    graph.nodes[1] = { ...graph.nodes[1]!, data: { duration: { amount: 3, unit: 'days' } } } as (typeof graph.nodes)[1];
    const started = Date.now();
    const { handle, versionId } = await start(graph, 'c1');
    expect(await handle.result()).toMatchObject({ status: 'done' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(h.sandbox.store.query({ method: 'agent', recipient: 'wm1' }).map((m) => m.content)).toEqual([
      'Welcome, {{contact.name}}!'.replace('{{contact.name}}', 'Contact 1'),
    ]);
    const stats = (await h.db.db.execute(
      sql`select node_id, entered, waiting, sent from node_stats where journey_version_id = ${versionId}::uuid
        order by node_id`,
    )) as unknown as Array<Record<string, unknown>>;
    expect(stats).toEqual([
      { node_id: 'send', entered: 1, waiting: 0, sent: 1 },
      { node_id: 'trigger', entered: 1, waiting: 0, sent: 0 },
      { node_id: 'wait', entered: 1, waiting: 0, sent: 0 },
    ]);
  });

  it('wait_for_event takes its timeout branch when the event never comes', async () => {
    const { handle } = await start(purchaseJourney(h.wecom), 'c2');
    await handle.result();
    expect(h.sandbox.store.query({ method: 'agent', recipient: 'wm2' }).map((m) => m.content)).toEqual([
      'Still thinking?',
    ]);
  });

  it('wait_for_event takes its event branch when the event arrives', async () => {
    const { handle } = await start(purchaseJourney(h.wecom), 'c3');
    await env.sleep('1 hour');
    await handle.signal(contactEventSignal, { name: 'purchase', eventId: 'p-1' });
    await handle.result();
    expect(h.sandbox.store.query({ method: 'agent', recipient: 'wm3' }).map((m) => m.content)).toEqual([
      'Thanks for your order',
    ]);
  });

  it('a goal event exits the contact early, even in the middle of a wait', async () => {
    const graph = followJourney({ channelAccountId: h.wecom, messages: [{ type: 'text', text: 'You never bought' }] });
    graph.settings = { reentry: { mode: 'never' }, goalEvent: 'purchase' };
    const { handle } = await start(graph, 'c4');
    await env.sleep('2 hours');
    await handle.signal(contactEventSignal, { name: 'purchase', eventId: 'p-2' });
    expect(await handle.result()).toMatchObject({ status: 'exited' });
    expect(h.sandbox.store.query({ method: 'agent', recipient: 'wm4' })).toHaveLength(0);
  });

  it('holds a send during quiet hours and sends when they end', async () => {
    const graph = followJourney({ channelAccountId: h.wecom, messages: [{ type: 'text', text: 'Good morning' }] });
    graph.nodes = graph.nodes.filter((n) => n.kind !== 'wait');
    graph.edges = [{ id: 'e1', source: 'trigger', target: 'send' }];
    // Quiet all day but the current minute's neighbour: the send must wait almost 24 h of workflow time.
    const now = new Date(await env.currentTimeMs());
    const hhmm = (d: Date) =>
      `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    graph.settings = {
      reentry: { mode: 'never' },
      quietHours: { start: hhmm(now), end: hhmm(new Date(now.getTime() - 60_000)), timezone: 'UTC' },
    };
    const { handle } = await start(graph, 'c5');
    await env.sleep('1 hour');
    expect(h.sandbox.store.query({ method: 'agent', recipient: 'wm5' })).toHaveLength(0);
    await handle.result();
    const sent = h.sandbox.store.query({ method: 'agent', recipient: 'wm5' });
    expect(sent.map((m) => m.content)).toEqual(['Good morning']);
    expect((await env.currentTimeMs()) - now.getTime()).toBeGreaterThan(23 * 3600_000);
  });
});
