// Rule table: settings of triggers, waits, splits, actions and the journey itself.
import type { JourneyGraph } from '../model/journey.schema';
import type { JourneyNode } from '../model/node.schema';
import {
  agentSend,
  audienceTrigger,
  broadcastJourney,
  followJourney,
  node,
  patchNode,
  scheduleTrigger,
} from '../testing/fixtures';
import { inMinutes, type RuleCase } from '../testing/rule-case';

const valid = { name: 'follow → wait → agent message', graph: () => followJourney() };

/** The follow journey with its wait replaced by `step` (same id, same connections). */
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
const withStep = (step: JourneyNode): JourneyGraph => ({
  ...followJourney(),
  nodes: followJourney().nodes.map((n) => (n.id === 'wait' ? { ...step, id: 'wait' } : n)),
});

/** The follow journey with its trigger replaced. */
const withTrigger = (trigger: JourneyNode): JourneyGraph => ({
  ...followJourney(),
  nodes: followJourney().nodes.map((n) => (n.id === 'trigger' ? trigger : n)),
});

const abSplit = (a: number, b: number): JourneyGraph => {
  const g = followJourney();
  return {
    ...g,
    nodes: [
      g.nodes[0]!,
      node('ab', 'random_split', {
        branches: [
          { id: 'a', label: 'A', percent: a },
          { id: 'b', label: 'B', percent: b },
        ],
      }),
      agentSend('send-a'),
      agentSend('send-b'),
    ],
    edges: [
      { id: 'e1', source: 'trigger', target: 'ab' },
      { id: 'e2', source: 'ab', sourceHandle: 'a', target: 'send-a' },
      { id: 'e3', source: 'ab', sourceHandle: 'b', target: 'send-b' },
    ],
  };
};

const recurring = (patch: Record<string, unknown>): JourneyNode =>
  node('trigger', 'schedule', {
    mode: 'recurring',
    every: 'day',
    time: '09:00',
    timezone: 'Asia/Shanghai',
    audience: { kind: 'tags', mode: 'any', tagIds: ['t1'], excludeTagIds: [] },
    ...patch,
  } as never);

export const flowCases: RuleCase[] = [
  {
    code: 'HERALD_ERR_INVALID_DURATION',
    valid: [valid],
    invalid: [
      {
        name: 'a zero wait',
        graph: () => patchNode(followJourney(), 'wait', { duration: { amount: 0, unit: 'days' } }),
        nodeId: 'wait',
      },
      {
        name: 'a negative wait',
        graph: () => patchNode(followJourney(), 'wait', { duration: { amount: -2, unit: 'hours' } }),
        nodeId: 'wait',
      },
    ],
  },
  {
    code: 'HERALD_ERR_DURATION_TOO_LONG',
    valid: [
      {
        name: 'a wait of 365 days',
        graph: () => patchNode(followJourney(), 'wait', { duration: { amount: 365, unit: 'days' } }),
      },
    ],
    invalid: [
      {
        name: 'a wait of 99,999 days',
        graph: () => patchNode(followJourney(), 'wait', { duration: { amount: 99_999, unit: 'days' } }),
        nodeId: 'wait',
        message: /at most 365 days/,
      },
      {
        name: 'a wait of 9,000 hours',
        graph: () => patchNode(followJourney(), 'wait', { duration: { amount: 9000, unit: 'hours' } }),
        nodeId: 'wait',
      },
      {
        name: 'a wait for an event timing out after 400 days',
        graph: () =>
          withStep(
            node('w', 'wait_for_event', { eventName: 'purchase', timeout: { amount: 400, unit: 'days' }, filters: [] }),
          ),
        nodeId: 'wait',
      },
      {
        name: 'a wait until a date in the year 9999',
        graph: () => withStep(node('w', 'wait_until', { mode: 'datetime', at: '9999-12-31T00:00:00.000Z' })),
        nodeId: 'wait',
        message: /365 days from now/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_SEND_TIME_TOO_FAR',
    valid: [
      {
        name: 'a timed broadcast 364 days ahead',
        graph: () => broadcastJourney({}, scheduleTrigger(inMinutes(364 * 1440))),
      },
    ],
    invalid: [
      {
        name: 'a timed broadcast in the year 9999',
        graph: () => broadcastJourney({}, scheduleTrigger('9999-01-01T00:00:00.000Z')),
        nodeId: 'trigger',
        message: /at most a year ahead/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_SPLIT_PERCENT',
    valid: [{ name: 'a 70/30 random split', graph: () => abSplit(70, 30) }],
    invalid: [{ name: 'a 50/40 random split', graph: () => abSplit(50, 40), nodeId: 'ab', message: /90%/ }],
  },
  {
    code: 'HERALD_ERR_SEND_TIME_TOO_SOON',
    valid: [
      { name: 'a timed broadcast 6 minutes ahead', graph: () => broadcastJourney({}, scheduleTrigger(inMinutes(6))) },
    ],
    invalid: [
      {
        name: 'a timed broadcast 4 minutes ahead',
        graph: () => broadcastJourney({}, scheduleTrigger(inMinutes(4))),
        nodeId: 'trigger',
        message: /5 minutes/,
      },
      {
        name: 'a timed broadcast in the past',
        graph: () => broadcastJourney({}, scheduleTrigger(inMinutes(-60))),
        nodeId: 'trigger',
      },
    ],
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
  {
    code: 'HERALD_ERR_INVALID_TIMEZONE',
    valid: [
      {
        name: 'quiet hours in Asia/Shanghai',
        graph: () => ({
          ...followJourney(),
          settings: {
            reentry: { mode: 'never' },
            quietHours: { start: '21:00', end: '08:00', timezone: 'Asia/Shanghai' },
          },
        }),
      },
      {
        name: "wait until 9:00 in the contact's zone",
        graph: () => withStep(node('x', 'wait_until', { mode: 'time_of_day', time: '09:00', timezone: 'contact' })),
      },
    ],
    invalid: [
      {
        name: 'quiet hours in an unknown zone',
        graph: () => ({
          ...followJourney(),
          settings: {
            reentry: { mode: 'never' },
            quietHours: { start: '21:00', end: '08:00', timezone: 'Mars/Olympus' },
          },
        }),
        message: /Mars\/Olympus/,
      },
      {
        name: 'wait until 9:00 in an unknown zone',
        graph: () => withStep(node('x', 'wait_until', { mode: 'time_of_day', time: '09:00', timezone: 'Beijing' })),
        nodeId: 'wait',
      },
      {
        name: 'a daily schedule in an unknown zone',
        graph: () => broadcastJourney({}, recurring({ timezone: 'CST+8' })),
        nodeId: 'trigger',
      },
    ],
  },
  {
    code: 'HERALD_ERR_WAIT_UNTIL_PAST',
    valid: [
      {
        name: 'wait until next week',
        graph: () => withStep(node('x', 'wait_until', { mode: 'datetime', at: inMinutes(7 * 1440) })),
      },
    ],
    invalid: [
      {
        name: 'wait until yesterday',
        graph: () => withStep(node('x', 'wait_until', { mode: 'datetime', at: inMinutes(-1440) })),
        nodeId: 'wait',
        severity: 'warning',
      },
    ],
  },
];
