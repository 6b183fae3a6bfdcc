import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../model/journey.schema';
import type { JourneyNode } from '../model/node.schema';
import { agentSend, broadcastJourney, followJourney, largeJourney } from '../testing/fixtures';
import { validateJourney, validateJourneyInput } from './validate-journey';
import type { ValidationCode } from './issue';

const now = new Date('2026-11-24T12:00:00Z');
const inMinutes = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();
const withNodes = (graph: JourneyGraph, ...nodes: JourneyNode[]): JourneyGraph => ({ ...graph, nodes: [...graph.nodes, ...nodes] });
const scheduleTrigger = (at: string): JourneyNode => ({ id: 'trigger', kind: 'schedule', position: { x: 0, y: 0 }, data: { mode: 'once', at, audience: { kind: 'tags', mode: 'all', tagIds: ['t1'], excludeTagIds: [] } } });

type Case = { name: string; graph: () => JourneyGraph; expect: ValidationCode | null; nodeId?: string; message?: RegExp };

const cases: Case[] = [
  { name: 'a follow → wait → agent message journey is valid', graph: () => followJourney(), expect: null },
  { name: 'a WeCom group-message broadcast to a tag is valid', graph: () => broadcastJourney(), expect: null },
  { name: 'no trigger', graph: () => ({ ...followJourney(), nodes: followJourney().nodes.slice(1), edges: followJourney().edges.slice(1) }), expect: 'HERALD_ERR_NO_TRIGGER' },
  { name: 'two triggers', graph: () => withNodes(followJourney(), { id: 't2', kind: 'form_submit', position: { x: 0, y: 0 }, data: { formId: 'f1' } }), expect: 'HERALD_ERR_MULTIPLE_TRIGGERS', nodeId: 't2' },
  { name: 'an unreachable node', graph: () => withNodes(followJourney(), agentSend('orphan')), expect: 'HERALD_ERR_UNREACHABLE_NODE', nodeId: 'orphan' },
  { name: 'a dangling edge', graph: () => ({ ...followJourney(), edges: [...followJourney().edges, { id: 'bad', source: 'send', target: 'ghost' }] }), expect: 'HERALD_ERR_DANGLING_EDGE' },
  { name: 'an edge from an output the node does not have', graph: () => ({ ...followJourney(), edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'yes', target: 'wait' }, followJourney().edges[1]!] }), expect: 'HERALD_ERR_DANGLING_EDGE' },
  {
    name: 'an unconnected branch output',
    graph: () => {
      const g = followJourney();
      g.nodes.push({ id: 'wfe', kind: 'wait_for_event', position: { x: 0, y: 0 }, data: { eventName: 'purchase', timeout: { amount: 2, unit: 'days' }, filters: [] } });
      g.edges = [{ id: 'e1', source: 'trigger', target: 'wfe' }, { id: 'e2', source: 'wfe', sourceHandle: 'event', target: 'wait' }, g.edges[1]!];
      return g;
    },
    expect: 'HERALD_ERR_UNCONNECTED_OUTPUT', nodeId: 'wfe', message: /"timeout" path/,
  },
  {
    name: 'a cycle with no wait',
    graph: () => {
      const g = followJourney();
      g.nodes.push({ id: 'tag', kind: 'tag', position: { x: 0, y: 0 }, data: { action: 'add', tagIds: ['t1'] } });
      g.edges.push({ id: 'e3', source: 'send', target: 'tag' }, { id: 'e4', source: 'tag', target: 'send' });
      return g;
    },
    expect: 'HERALD_ERR_CYCLE_WITHOUT_WAIT',
  },
  {
    name: 'a cycle through a wait is allowed',
    graph: () => ({ ...followJourney(), edges: [...followJourney().edges, { id: 'e3', source: 'send', target: 'wait' }] }),
    expect: null,
  },
  { name: 'an empty text message', graph: () => followJourney({ messages: [{ type: 'text', text: '   ' }] }), expect: 'HERALD_ERR_EMPTY_MESSAGE', nodeId: 'send' },
  { name: 'a WeCom group message without a group name', graph: () => broadcastJourney({ groupName: '' }), expect: 'HERALD_ERR_GROUP_NAME_REQUIRED', nodeId: 'send' },
  { name: 'an attachment of a type not allowed', graph: () => followJourney({ messages: [{ type: 'file', attachment: { materialId: 'm1', filename: 'setup.exe' } }] }), expect: 'HERALD_ERR_ATTACHMENT_TYPE', message: /\.exe/ },
  { name: 'an allowed attachment type (pdf)', graph: () => followJourney({ messages: [{ type: 'file', attachment: { materialId: 'm1', filename: 'Menu.PDF' } }] }), expect: null },
  { name: 'a timed broadcast 4 minutes ahead', graph: () => broadcastJourney({}, scheduleTrigger(inMinutes(4))), expect: 'HERALD_ERR_SEND_TIME_TOO_SOON', nodeId: 'trigger' },
  { name: 'a timed broadcast 6 minutes ahead', graph: () => broadcastJourney({}, scheduleTrigger(inMinutes(6))), expect: null },
  { name: 'two messages where the method delivers one (WeChat mass)', graph: () => broadcastJourney({ channel: 'wechat_service', method: 'wechat_mass', messages: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }), expect: 'HERALD_ERR_TOO_MANY_MESSAGES' },
  {
    name: 'a WeCom enterprise broadcast in a real-time journey says to use an agent message',
    graph: () => followJourney({ method: 'wecom_group_msg', groupName: 'Welcome' }),
    expect: 'HERALD_ERR_METHOD_NOT_REALTIME', nodeId: 'send', message: /agent message instead/,
  },
  { name: 'a WeChat mass message in a real-time journey', graph: () => followJourney({ channel: 'wechat_service', method: 'wechat_mass' }), expect: 'HERALD_ERR_METHOD_NOT_REALTIME', message: /batch journey/ },
  {
    name: 'a customer-service message right after the follow trigger is valid',
    graph: () => {
      const g = followJourney({ channel: 'wechat_service', method: 'wechat_customer_service' });
      return { ...g, nodes: g.nodes.filter((n) => n.id !== 'wait'), edges: [{ id: 'e1', source: 'trigger', target: 'send' }] };
    },
    expect: null,
  },
  { name: 'a batch broadcast of customer-service messages is valid (fans outside the window are skipped)', graph: () => broadcastJourney({ channel: 'wechat_service', method: 'wechat_customer_service', groupName: undefined }), expect: null },
  { name: 'a customer-service message after a wait, with no fallback', graph: () => followJourney({ channel: 'wechat_service', method: 'wechat_customer_service' }), expect: 'HERALD_ERR_CS_NEEDS_INTERACTION' },
  {
    name: 'a customer-service message after a wait, with a template fallback',
    graph: () => followJourney({ channel: 'wechat_service', method: 'wechat_customer_service', fallback: { method: 'wechat_template', messages: [{ type: 'template', templateId: 'tpl-1', fields: ['first'], data: { first: 'Hi' } }] } }),
    expect: null,
  },
  { name: 'a template message with an empty field', graph: () => followJourney({ channel: 'wechat_service', method: 'wechat_template', messages: [{ type: 'template', templateId: 'tpl-1', fields: ['first', 'remark'], data: { first: 'Hi', remark: '' } }] }), expect: 'HERALD_ERR_TEMPLATE_INCOMPLETE', message: /remark/ },
  { name: 'a template message without a template', graph: () => followJourney({ channel: 'wechat_service', method: 'wechat_template', messages: [{ type: 'template', templateId: '', fields: [], data: {} }] }), expect: 'HERALD_ERR_TEMPLATE_INCOMPLETE' },
  { name: 'a chat-platform broadcast with an image (text only)', graph: () => broadcastJourney({ channel: 'chat_platform', method: 'chat_broadcast', groupName: undefined, messages: [{ type: 'image', attachment: { materialId: 'm', filename: 'a.png' } }] }), expect: 'HERALD_ERR_MESSAGE_TYPE_UNSUPPORTED', message: /text only/ },
  { name: 'a method the account kind does not offer', graph: () => followJourney({ channel: 'email' }), expect: 'HERALD_ERR_METHOD_CHANNEL_MISMATCH' },
  { name: 'a zero wait', graph: () => ({ ...followJourney(), nodes: followJourney().nodes.map((n) => (n.kind === 'wait' ? { ...n, data: { duration: { amount: 0, unit: 'days' as const } } } : n)) }), expect: 'HERALD_ERR_INVALID_DURATION', nodeId: 'wait' },
  {
    name: 'a random split not adding up to 100',
    graph: () => {
      const g = followJourney();
      g.nodes.push({ id: 'ab', kind: 'random_split', position: { x: 0, y: 0 }, data: { branches: [{ id: 'a', label: 'A', percent: 50 }, { id: 'b', label: 'B', percent: 40 }] } }, agentSend('send-b'));
      g.edges = [g.edges[0]!, { id: 'e2', source: 'wait', target: 'ab' }, { id: 'e3', source: 'ab', sourceHandle: 'a', target: 'send' }, { id: 'e4', source: 'ab', sourceHandle: 'b', target: 'send-b' }];
      return g;
    },
    expect: 'HERALD_ERR_SPLIT_PERCENT', nodeId: 'ab',
  },
  { name: 'an empty audience', graph: () => broadcastJourney({}, { id: 'trigger', kind: 'audience', position: { x: 0, y: 0 }, data: { audience: { kind: 'contacts', contactIds: [] } } }), expect: 'HERALD_ERR_AUDIENCE_REQUIRED' },
  { name: 'a connection into the trigger', graph: () => ({ ...followJourney(), edges: [...followJourney().edges, { id: 'back', source: 'send', target: 'trigger' }] }), expect: 'HERALD_ERR_TRIGGER_HAS_INPUT' },
  { name: 'one output wired to two steps', graph: () => withNodes({ ...followJourney(), edges: [...followJourney().edges, { id: 'e3', source: 'trigger', target: 'x' }] }, agentSend('x')), expect: 'HERALD_ERR_OUTPUT_CONNECTED_TWICE', nodeId: 'trigger' },
];

describe('validateJourney', () => {
  it.each(cases)('$name', ({ graph, expect: code, nodeId, message }) => {
    const issues = validateJourney(graph(), { now });
    if (code === null) {
      expect(issues).toEqual([]);
      return;
    }
    const found = issues.find((i) => i.code === code);
    expect(found, `expected ${code} among ${JSON.stringify(issues)}`).toBeDefined();
    if (nodeId) expect(found!.nodeId).toBe(nodeId);
    if (message) expect(found!.message).toMatch(message);
    expect(found!.message.length).toBeGreaterThan(10);
  });

  it('validates a 500-node journey in well under 100 ms', () => {
    const graph = largeJourney(500);
    validateJourney(graph, { now });
    const started = performance.now();
    const issues = validateJourney(graph, { now });
    const ms = performance.now() - started;
    console.log(`500-node validation: ${ms.toFixed(2)} ms`);
    expect(issues).toEqual([]);
    expect(ms).toBeLessThan(100);
  });
});

describe('validateJourneyInput (untrusted JSON)', () => {
  it('pins a shape error to the node it concerns', () => {
    const raw = JSON.parse(JSON.stringify(followJourney()));
    raw.nodes[1].data.duration.unit = 'fortnights';
    const { issues, graph } = validateJourneyInput(raw, { now });
    expect(graph).toBeUndefined();
    expect(issues[0]).toMatchObject({ code: 'HERALD_ERR_INVALID_GRAPH', nodeId: 'wait' });
  });

  it('refuses what is not a graph at all', () => {
    expect(validateJourneyInput('nodes', { now }).issues[0]?.code).toBe('HERALD_ERR_INVALID_GRAPH');
    expect(validateJourneyInput({ nodes: [{ kind: 'teleport' }], edges: [] }, { now }).issues[0]?.code).toBe('HERALD_ERR_INVALID_GRAPH');
  });
});
