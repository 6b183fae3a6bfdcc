// Rule table: settings of triggers, splits, actions and the journey itself. Durations, send times and time
// zones are timing.cases.ts.
import type { JourneyGraph } from '../model/journey.schema';
import type { JourneyNode } from '../model/node.schema';
import { audienceTrigger, broadcastJourney, followJourney, node, scheduleTrigger } from '../testing/fixtures';
import { recurring, splitInto, withStep } from '../testing/case-fixtures';
import { inMinutes, type RuleCase } from '../testing/rule-case';

const valid = { name: 'follow → wait → agent message', graph: () => followJourney() };

/** follow → split, each of its outputs → its own agent message. */
const splitAfterFollow = (data: Record<string, unknown>, handles: string[]): JourneyGraph => {
  const g = followJourney();
  return {
    ...g,
    nodes: [
      g.nodes[0]!,
      node('split', 'split', data as never),
      ...handles.map((h) => ({ ...g.nodes[2]!, id: `send-${h}` })),
    ],
    edges: [
      { id: 'e0', source: 'trigger', target: 'split' },
      ...handles.map((h) => ({ id: `e-${h}`, source: 'split', sourceHandle: h, target: `send-${h}` })),
    ],
  };
};

/** The follow journey with its trigger replaced. */
const withTrigger = (trigger: JourneyNode): JourneyGraph => ({
  ...followJourney(),
  nodes: followJourney().nodes.map((n) => (n.id === 'trigger' ? trigger : n)),
});

/** follow → a random split of `a`% and `b`% → an agent message on each branch. */
const abSplit = (a: number, b: number): JourneyGraph =>
  splitInto(
    followJourney(),
    node('ab', 'random_split', {
      branches: [
        { id: 'a', label: 'A', percent: a },
        { id: 'b', label: 'B', percent: b },
      ],
    }),
    { a: 'send-a', b: 'send-b' },
  );

export const flowCases: RuleCase[] = [
  {
    code: 'HERALD_ERR_SPLIT_PERCENT',
    valid: [{ name: 'a 70/30 random split', graph: () => abSplit(70, 30) }],
    invalid: [{ name: 'a 50/40 random split', graph: () => abSplit(50, 40), nodeId: 'ab', message: /90%/ }],
  },
  {
    code: 'HERALD_ERR_AUDIENCE_REQUIRED',
    valid: [{ name: 'a broadcast to a tag', graph: () => broadcastJourney() }],
    invalid: [
      {
        name: 'a broadcast to an empty contact list',
        graph: () => broadcastJourney({}, audienceTrigger({ kind: 'contacts', contactIds: [] })),
        nodeId: 'trigger',
      },
      {
        name: 'a timed broadcast to no tags',
        graph: () =>
          broadcastJourney(
            {},
            scheduleTrigger(inMinutes(60), { kind: 'tags', mode: 'any', tagIds: [], excludeTagIds: [] }),
          ),
        nodeId: 'trigger',
      },
    ],
  },
  {
    code: 'HERALD_ERR_MISSING_SETTING',
    valid: [
      valid,
      {
        name: 'an "enters a segment" trigger with its segment',
        graph: () => withTrigger(node('trigger', 'segment', { segmentId: 'seg-1' })),
      },
      {
        name: 'a weekly schedule on Mondays',
        graph: () => broadcastJourney({}, recurring({ every: 'week', weekday: 1 })),
      },
      {
        name: 'a weekly schedule on Mondays and Thursdays',
        graph: () => broadcastJourney({}, recurring({ every: 'week', weekdays: [1, 4] })),
      },
      {
        name: 'a split on whether the contact read the message of a step before it',
        graph: () =>
          splitAfterFollow({ mode: 'yes_no', condition: { kind: 'message', nodeId: 'send-yes', status: 'read' } }, [
            'yes',
            'no',
          ]),
      },
    ],
    invalid: [
      {
        name: 'an event trigger without an event name',
        graph: () => withTrigger(node('trigger', 'event', { eventName: ' ', filters: [] })),
        nodeId: 'trigger',
      },
      {
        name: 'an "enters a segment" trigger without a segment',
        graph: () => withTrigger(node('trigger', 'segment', { segmentId: '' })),
        nodeId: 'trigger',
      },
      {
        name: 'a wait for event without an event name',
        graph: () =>
          withStep(node('x', 'wait_for_event', { eventName: '', timeout: { amount: 1, unit: 'days' }, filters: [] })),
        nodeId: 'wait',
      },
      {
        name: 'a weekly schedule without a weekday',
        graph: () => broadcastJourney({}, recurring({ every: 'week' })),
        nodeId: 'trigger',
        message: /day of the week/,
      },
      {
        name: 'a tag step without tags',
        graph: () => withStep(node('x', 'tag', { action: 'add', tagIds: [] })),
        nodeId: 'wait',
      },
      {
        name: 'a split on no tag yet (as dropped on the canvas)',
        graph: () => splitAfterFollow({ mode: 'yes_no', condition: { kind: 'has_tag', tagId: '' } }, ['yes', 'no']),
        nodeId: 'split',
        message: /tag the split/,
      },
      {
        name: 'a branch on an unnamed attribute',
        graph: () =>
          splitAfterFollow(
            {
              mode: 'branches',
              branches: [{ id: 'b1', label: 'B', condition: { kind: 'attribute', key: ' ', op: 'exists' } }],
            },
            ['b1', 'else'],
          ),
        nodeId: 'split',
        message: /attribute/,
      },
      {
        name: 'a webhook without a URL',
        graph: () => withStep(node('x', 'webhook', { url: 'example.com/hook', method: 'POST', headers: {}, body: '' })),
        nodeId: 'wait',
        message: /http/,
      },
      { name: 'a send without an account', graph: () => followJourney({ channelAccountId: '' }), nodeId: 'send' },
      {
        name: 'a split on the message of a step that is not a message',
        graph: () =>
          splitAfterFollow({ mode: 'yes_no', condition: { kind: 'message', nodeId: 'trigger', status: 'read' } }, [
            'yes',
            'no',
          ]),
        nodeId: 'split',
        message: /message step/,
      },
    ],
  },
];
