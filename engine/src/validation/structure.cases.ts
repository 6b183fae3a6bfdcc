// Rule table: the shape of the graph (triggers, edges, outputs, reachability, loops).
import type { JourneyGraph } from '../model/journey.schema';
import { agentSend, followJourney, node, withEdges, withNodes } from '../testing/fixtures';
import type { RuleCase } from '../testing/rule-case';

const valid = { name: 'follow → wait → agent message', graph: () => followJourney() };

/** follow → wait for "purchase" → (event) send, (timeout) exit. */
const waitForPurchase = (connectTimeout = true): JourneyGraph => {
  const g = followJourney();
  return {
    ...g,
    nodes: [
      g.nodes[0]!,
      node('wfe', 'wait_for_event', { eventName: 'purchase', timeout: { amount: 2, unit: 'days' }, filters: [] }),
      agentSend('send'),
      node('end', 'exit', {}),
    ],
    edges: [
      { id: 'e1', source: 'trigger', target: 'wfe' },
      { id: 'e2', source: 'wfe', sourceHandle: 'event', target: 'send' },
      ...(connectTimeout ? [{ id: 'e3', source: 'wfe', sourceHandle: 'timeout', target: 'end' }] : []),
    ],
  };
};

/** follow → wait → send → tag, with `tag` looping back to `to`. */
const loopTo = (to: string): JourneyGraph =>
  withEdges(
    withNodes(followJourney(), node('tag', 'tag', { action: 'add', tagIds: ['t1'] })),
    { id: 'e3', source: 'send', target: 'tag' },
    { id: 'e4', source: 'tag', target: to },
  );

export const structureCases: RuleCase[] = [
  {
    code: 'HERALD_ERR_NO_TRIGGER',
    valid: [valid],
    invalid: [
      {
        name: 'no trigger',
        graph: () => ({
          ...followJourney(),
          nodes: followJourney().nodes.slice(1),
          edges: followJourney().edges.slice(1),
        }),
        message: /needs a trigger/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_MULTIPLE_TRIGGERS',
    valid: [valid],
    invalid: [
      {
        name: 'a second trigger',
        graph: () => withNodes(followJourney(), node('t2', 'form_submit', { formId: 'f1' })),
        nodeId: 't2',
      },
    ],
  },
  {
    code: 'HERALD_ERR_TRIGGER_HAS_INPUT',
    valid: [valid],
    invalid: [
      {
        name: 'a connection into the trigger',
        graph: () => withEdges(followJourney(), { id: 'back', source: 'send', target: 'trigger' }),
        edgeId: 'back',
        nodeId: 'trigger',
      },
    ],
  },
  {
    code: 'HERALD_ERR_DANGLING_EDGE',
    valid: [valid],
    invalid: [
      {
        name: 'a connection to a deleted step',
        graph: () => withEdges(followJourney(), { id: 'bad', source: 'send', target: 'ghost' }),
        edgeId: 'bad',
      },
      {
        name: 'a connection from an output the step lacks',
        graph: () => ({
          ...followJourney(),
          edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'yes', target: 'wait' }, followJourney().edges[1]!],
        }),
        edgeId: 'e1',
        message: /no output "yes"/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_UNREACHABLE_NODE',
    valid: [valid],
    invalid: [
      {
        name: 'a step nothing leads to',
        graph: () => withNodes(followJourney(), agentSend('orphan')),
        nodeId: 'orphan',
      },
    ],
  },
  {
    code: 'HERALD_ERR_UNCONNECTED_OUTPUT',
    valid: [
      { name: 'both outputs of a wait for event connected', graph: () => waitForPurchase() },
      { name: 'the last step of a path left open', graph: () => followJourney() },
    ],
    invalid: [
      {
        name: 'the timeout path leads nowhere',
        graph: () => waitForPurchase(false),
        nodeId: 'wfe',
        message: /"timeout" path/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_OUTPUT_CONNECTED_TWICE',
    valid: [valid],
    invalid: [
      {
        name: 'one output wired to two steps',
        graph: () =>
          withEdges(withNodes(followJourney(), agentSend('x')), { id: 'e3', source: 'trigger', target: 'x' }),
        nodeId: 'trigger',
      },
    ],
  },
  {
    code: 'HERALD_ERR_CYCLE_WITHOUT_WAIT',
    valid: [{ name: 'a loop through a wait', graph: () => loopTo('wait') }],
    invalid: [
      { name: 'a loop with no wait', graph: () => loopTo('send'), message: /Add a wait/ },
      { name: 'a wait-free loop sharing steps with a loop that waits', graph: busyLoopBesideWait },
    ],
  },
  {
    code: 'HERALD_ERR_SELF_CONNECTION',
    valid: [valid],
    invalid: [
      {
        name: 'a step connected to itself',
        graph: () => withEdges(followJourney(), { id: 'self', source: 'send', target: 'send' }),
        edgeId: 'self',
        nodeId: 'send',
      },
    ],
  },
  {
    code: 'HERALD_ERR_EXIT_HAS_OUTPUT',
    valid: [{ name: 'a path ending in an exit', graph: () => waitForPurchase() }],
    invalid: [
      {
        name: 'a step after an exit',
        graph: () =>
          withEdges(withNodes(waitForPurchase(), agentSend('after')), { id: 'e9', source: 'end', target: 'after' }),
        edgeId: 'e9',
        nodeId: 'end',
      },
    ],
  },
  {
    code: 'HERALD_ERR_DUPLICATE_ID',
    valid: [valid, { name: 'split branches with their own ids', graph: () => splitWithBranches(['vip', 'new']) }],
    invalid: [
      {
        name: "a connection with a step's id",
        graph: () => ({
          ...followJourney(),
          edges: [{ id: 'wait', source: 'trigger', target: 'wait' }, followJourney().edges[1]!],
        }),
      },
      { name: 'two split branches with one id', graph: () => splitWithBranches(['vip', 'vip']), nodeId: 'split' },
      { name: 'a branch named like the else path', graph: () => splitWithBranches(['else']), nodeId: 'split' },
    ],
  },
];

/** follow → split(branches…, else) → one send per output. */
function splitWithBranches(ids: string[]): JourneyGraph {
  const outputs = [...new Set([...ids, 'else'])];
  return {
    nodes: [
      followJourney().nodes[0]!,
      node('split', 'split', {
        mode: 'branches',
        branches: ids.map((id) => ({ id, label: id, condition: { kind: 'has_tag', tagId: id } })),
      }),
      ...outputs.map((o) => agentSend(`send-${o}`)),
    ],
    edges: [
      { id: 'e0', source: 'trigger', target: 'split' },
      ...outputs.map((o) => ({ id: `e-${o}`, source: 'split', sourceHandle: o, target: `send-${o}` })),
    ],
    settings: { reentry: { mode: 'never' } },
  };
}

/** follow → send → split; split(no) → wait → send (fine), split(yes) → send (no wait: busy loop). */
function busyLoopBesideWait(): JourneyGraph {
  const g = followJourney();
  return {
    ...g,
    nodes: [...g.nodes, node('split', 'split', { mode: 'yes_no', condition: { kind: 'has_tag', tagId: 'vip' } })],
    edges: [
      { id: 'e1', source: 'trigger', target: 'send' },
      { id: 'e2', source: 'send', target: 'split' },
      { id: 'e3', source: 'split', sourceHandle: 'no', target: 'wait' },
      { id: 'e4', source: 'wait', target: 'send' },
      { id: 'e5', source: 'split', sourceHandle: 'yes', target: 'send' },
    ],
  };
}
