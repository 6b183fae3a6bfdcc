// Small journeys for tests (engine, editor, API): each a valid starting point to break one way.
import type { JourneyGraph } from '../model/journey.schema';
import type { JourneyNode, SendData } from '../model/node.schema';

const at = (i: number) => ({ x: 0, y: i * 120 });

/** A WeCom agent message send node. */
export const agentSend = (id = 'send', patch: Partial<SendData> = {}): JourneyNode => ({
  id, kind: 'send', position: at(3),
  data: { channelAccountId: 'acc-wecom', channel: 'wecom', method: 'wecom_agent', type: 'contacts', messages: [{ type: 'text', text: 'Welcome, {{contact.name}}!' }], ...patch },
});

/** follow → wait 1 day → WeCom agent message: the canonical real-time journey. */
export function followJourney(sendPatch: Partial<SendData> = {}): JourneyGraph {
  return {
    nodes: [
      { id: 'trigger', kind: 'follow', position: at(0), data: { channelAccountId: 'acc-wechat' } },
      { id: 'wait', kind: 'wait', position: at(1), data: { duration: { amount: 1, unit: 'days' } } },
      agentSend('send', sendPatch),
    ],
    edges: [
      { id: 'e1', source: 'trigger', target: 'wait' },
      { id: 'e2', source: 'wait', target: 'send' },
    ],
    settings: { reentry: { mode: 'never' } },
  };
}

/** A broadcast: a fixed audience (tag) → one send node. */
export function broadcastJourney(sendPatch: Partial<SendData> = {}, trigger?: JourneyNode): JourneyGraph {
  return {
    nodes: [
      trigger ?? { id: 'trigger', kind: 'audience', position: at(0), data: { audience: { kind: 'tags', mode: 'any', tagIds: ['tag-vip'], excludeTagIds: [] } } },
      { id: 'send', kind: 'send', position: at(1), data: { channelAccountId: 'acc-wecom', channel: 'wecom', method: 'wecom_group_msg', type: 'contacts', groupName: 'November offer', messages: [{ type: 'text', text: 'Our November offer is here.' }], ...sendPatch } },
    ],
    edges: [{ id: 'e1', source: 'trigger', target: 'send' }],
    settings: { reentry: { mode: 'never' } },
  };
}

/** A chain of n nodes (trigger, then waits and sends) for size benchmarks. */
export function largeJourney(n: number): JourneyGraph {
  const nodes: JourneyNode[] = [{ id: 'n0', kind: 'follow', position: at(0), data: { channelAccountId: 'acc-wechat' } }];
  const edges = [];
  for (let i = 1; i < n; i++) {
    nodes.push(i % 2 === 1
      ? { id: `n${i}`, kind: 'wait', position: at(i), data: { duration: { amount: i, unit: 'minutes' } } }
      : { ...agentSend(`n${i}`), position: at(i) });
    edges.push({ id: `e${i}`, source: `n${i - 1}`, target: `n${i}` });
  }
  return { nodes, edges, settings: { reentry: { mode: 'never' } } };
}
