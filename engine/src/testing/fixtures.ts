// Small journeys for tests (engine, editor, API): each a valid starting point to break one way.
import type { Audience } from '../model/audience.schema';
import { capabilityOf } from '../channels/registry';
import type { JourneyEdge, JourneyGraph } from '../model/journey.schema';
import type { JourneyNode, NodeData, NodeKind, NodeOf, SendData } from '../model/node.schema';

const at = (i: number) => ({ x: 0, y: i * 120 });

/** A WeCom agent message send node. */
export const agentSend = (id = 'send', patch: Partial<SendData> = {}): JourneyNode => ({
  id,
  kind: 'send',
  position: at(3),
  data: {
    channelAccountId: 'acc-wecom',
    channel: 'wecom',
    method: 'wecom_agent',
    type: 'contacts',
    messages: [{ type: 'text', text: 'Welcome, {{contact.name}}!' }],
    ...patch,
  },
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
      trigger ?? {
        id: 'trigger',
        kind: 'audience',
        position: at(0),
        data: { audience: { kind: 'tags', mode: 'any', tagIds: ['tag-vip'], excludeTagIds: [] } },
      },
      {
        id: 'send',
        kind: 'send',
        position: at(1),
        data: {
          channelAccountId: 'acc-wecom',
          channel: 'wecom',
          method: 'wecom_group_msg',
          type: 'contacts',
          groupName: 'November offer',
          messages: [{ type: 'text', text: 'Our November offer is here.' }],
          ...sendPatch,
        },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', target: 'send' }],
    settings: { reentry: { mode: 'never' } },
  };
}

/** A chain of n nodes (trigger, then waits and sends) for size benchmarks. */
export function largeJourney(n: number): JourneyGraph {
  const nodes: JourneyNode[] = [
    { id: 'n0', kind: 'follow', position: at(0), data: { channelAccountId: 'acc-wechat' } },
  ];
  const edges = [];
  for (let i = 1; i < n; i++) {
    nodes.push(
      i % 2 === 1
        ? { id: `n${i}`, kind: 'wait', position: at(i), data: { duration: { amount: i, unit: 'minutes' } } }
        : { ...agentSend(`n${i}`), position: at(i) },
    );
    edges.push({ id: `e${i}`, source: `n${i - 1}`, target: `n${i}` });
  }
  return { nodes, edges, settings: { reentry: { mode: 'never' } } };
}

/** A node of one kind at the origin, typed by its kind's data. */
export const node = <K extends NodeKind>(id: string, kind: K, data: NodeData<K>): JourneyNode =>
  ({ id, kind, position: { x: 0, y: 0 }, data }) as NodeOf<K>;

/**
 * A journey of `steps` in order, each leading to the next
 * (the first is its trigger); never re-entered unless `settings` say.
 */
export const chainGraph = (steps: JourneyNode[], settings: Partial<JourneyGraph['settings']> = {}): JourneyGraph => ({
  nodes: steps,
  edges: steps.slice(1).map((n, i) => ({ id: `e${i}`, source: steps[i]!.id, target: n.id })),
  settings: { reentry: { mode: 'never' }, ...settings },
});

/** A graph with more nodes (left unconnected: connect them with `withEdges`). */
export const withNodes = (graph: JourneyGraph, ...nodes: JourneyNode[]): JourneyGraph => ({
  ...graph,
  nodes: [...graph.nodes, ...nodes],
});

/** A graph with more edges. */
export const withEdges = (graph: JourneyGraph, ...edges: JourneyEdge[]): JourneyGraph => ({
  ...graph,
  edges: [...graph.edges, ...edges],
});

/** A graph with one node's data replaced. */
export const patchNode = (graph: JourneyGraph, id: string, data: Record<string, unknown>): JourneyGraph => ({
  ...graph,
  nodes: graph.nodes.map((n) => (n.id === id ? ({ ...n, data: { ...n.data, ...data } } as JourneyNode) : n)),
});

/** A one-off timed broadcast trigger to a tag. */
export const scheduleTrigger = (
  at: string,
  audience: Audience = { kind: 'tags', mode: 'all', tagIds: ['t1'], excludeTagIds: [] },
): JourneyNode => node('trigger', 'schedule', { mode: 'once', at, audience });

/** An audience trigger (a broadcast now). */
export const audienceTrigger = (audience: Audience): JourneyNode => node('trigger', 'audience', { audience });

/**
 * The read-or-remind campaign: `trigger` → the message "first" → wait 1 day → split on having read it → exit "done"
 * on yes, the message "reminder" on no. `send(id, text)` makes each message (its channel and method are the caller's).
 */
export function readOrRemindJourney(
  trigger: JourneyNode,
  send: (id: string, text: string) => JourneyNode,
  texts = { first: 'Our offer', reminder: 'Did you see our offer?' },
): JourneyGraph {
  return {
    nodes: [
      trigger,
      send('first', texts.first),
      node('wait', 'wait', { duration: { amount: 1, unit: 'days' } }),
      node('split', 'split', { mode: 'yes_no', condition: { kind: 'message', nodeId: 'first', status: 'read' } }),
      node('done', 'exit', {}),
      send('reminder', texts.reminder),
    ],
    edges: [
      { id: 'e1', source: 'trigger', target: 'first' },
      { id: 'e2', source: 'first', target: 'wait' },
      { id: 'e3', source: 'wait', target: 'split' },
      { id: 'e4', source: 'split', sourceHandle: 'yes', target: 'done' },
      { id: 'e5', source: 'split', sourceHandle: 'no', target: 'reminder' },
    ],
    settings: { reentry: { mode: 'never' } },
  };
}

/**
 * About n nodes with every kind of branching (splits, waits for events, random splits), each side
 * path ending in an exit: a realistic large canvas for timing the validator.
 */
export function largeBranchingJourney(n: number): JourneyGraph {
  const nodes: JourneyNode[] = [node('n0', 'follow', { channelAccountId: 'acc-wechat' })];
  const edges: JourneyEdge[] = [];
  let prev = { id: 'n0', handle: 'out' };
  const link = (to: string, from = prev) =>
    edges.push({ id: `e${edges.length}`, source: from.id, sourceHandle: from.handle, target: to });
  for (let i = 1; nodes.length < n; i++) {
    const id = `n${i}`;
    switch (i % 5) {
      case 1:
        nodes.push(node(id, 'wait', { duration: { amount: i, unit: 'minutes' } }));
        break;
      case 2:
        nodes.push(node(id, 'split', { mode: 'yes_no', condition: { kind: 'has_tag', tagId: `t${i}` } }));
        break;
      case 3:
        nodes.push({ ...agentSend(id), position: at(i) });
        break;
      case 4:
        nodes.push(
          node(id, 'wait_for_event', { eventName: 'purchase', timeout: { amount: 1, unit: 'days' }, filters: [] }),
        );
        break;
      default:
        nodes.push(
          node(id, 'random_split', {
            branches: [
              { id: 'a', label: 'A', percent: 50 },
              { id: 'b', label: 'B', percent: 50 },
            ],
          }),
        );
    }
    link(id);
    const [main, side] =
      i % 5 === 2 ? ['yes', 'no'] : i % 5 === 4 ? ['event', 'timeout'] : i % 5 === 0 ? ['a', 'b'] : ['out', undefined];
    if (side) {
      nodes.push(node(`${id}-exit`, 'exit', {}));
      link(`${id}-exit`, { id, handle: side });
    }
    prev = { id, handle: main! };
  }
  nodes.push(node('end', 'exit', {}));
  link('end');
  return { nodes, edges, settings: { reentry: { mode: 'never' } } };
}

/**
 * A WeCom account's quota overrides that lift the per-member rates (WeCom's app messages a minute and an
 * hour per employee): for tests and fault workloads about something else, where one employee owns
 * thousands of contacts. As any account may override a policy; member-rates.test.ts sends through them.
 */
export const liftedMemberRates = (): Record<string, { disabled: true }> =>
  Object.fromEntries(
    capabilityOf('wecom_agent')
      .policies.filter((p) => p.per === 'member')
      .map((p) => [p.key, { disabled: true as const }]),
  );
