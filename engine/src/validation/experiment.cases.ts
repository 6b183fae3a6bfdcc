// Rule table: message variants and their winner, as the engine runs them.
import type { JourneyGraph } from '../model/journey.schema';
import type { SendData } from '../model/node.schema';
import { audienceTrigger, broadcastJourney, followJourney } from '../testing/fixtures';
import type { RuleCase } from '../testing/rule-case';

const two = (a = 50, b = 50): NonNullable<SendData['variants']> => [
  { id: 'a', share: a },
  { id: 'b', share: b, messages: [{ type: 'text', text: 'A shorter hello' }] },
];
const winner: NonNullable<SendData['winner']> = {
  metric: 'read',
  after: { amount: 4, unit: 'hours' },
  testPercent: 20,
};
const withGoal = (g: JourneyGraph): JourneyGraph => ({ ...g, settings: { ...g.settings, goalEvent: 'purchase' } });
const groupChats = audienceTrigger({ kind: 'group_chats', groupChatIds: ['chat-1'], allOfOwnerIds: [] });

export const experimentCases: RuleCase[] = [
  {
    code: 'HERALD_ERR_VARIANT_SHARES',
    valid: [
      { name: 'two variants at 50/50', graph: () => broadcastJourney({ variants: two() }) },
      { name: 'two variants at 70/30 in a real-time journey', graph: () => followJourney({ variants: two(70, 30) }) },
    ],
    invalid: [
      {
        name: 'shares adding up to 90',
        graph: () => broadcastJourney({ variants: two(60, 30) }),
        nodeId: 'send',
        message: /add up to 90%/,
      },
      {
        name: 'a single variant',
        graph: () => broadcastJourney({ variants: [{ id: 'a', share: 100 }] }),
        message: /at least two variants/,
      },
      {
        name: 'two variants with one name',
        graph: () =>
          broadcastJourney({
            variants: [
              { id: 'a', share: 50 },
              { ...two()[1]!, id: 'a' },
            ],
          }),
        message: /share a name/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_NO_MESSAGES',
    valid: [],
    invalid: [
      {
        name: 'a second variant without a message',
        graph: () =>
          broadcastJourney({
            variants: [
              { id: 'a', share: 50 },
              { id: 'b', share: 50 },
            ],
          }),
        nodeId: 'send',
        message: /Variant b has no message/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_VARIANTS_UNSUPPORTED',
    valid: [{ name: 'variants to contacts', graph: () => broadcastJourney({ variants: two() }) }],
    invalid: [
      {
        name: 'variants on a message to group chats',
        graph: () =>
          broadcastJourney(
            { variants: two(), method: 'wecom_group_msg', type: 'group_chats', groupName: 'G' },
            groupChats,
          ),
        nodeId: 'send',
      },
    ],
  },
  {
    code: 'HERALD_ERR_WINNER_UNSUPPORTED',
    valid: [
      {
        name: "a broadcast's winner by conversions after 4 hours, with a goal",
        graph: () => withGoal(broadcastJourney({ variants: two(), winner: { ...winner, metric: 'converted' } })),
      },
      {
        name: 'a winner by reads without a goal',
        graph: () => broadcastJourney({ variants: two(), winner }),
      },
    ],
    invalid: [
      {
        name: 'a winner in a real-time journey',
        graph: () => followJourney({ variants: two(), winner }),
        nodeId: 'send',
        message: /only be chosen for the first message/,
      },
      {
        name: 'a winner by conversions without a goal',
        graph: () => broadcastJourney({ variants: two(), winner: { ...winner, metric: 'converted' } }),
        message: /needs the journey's goal/,
      },
      {
        name: 'a winner without variants',
        graph: () => broadcastJourney({ winner }),
        message: /add a second variant/,
      },
      {
        name: 'a winner tested on the whole audience',
        graph: () => broadcastJourney({ variants: two(), winner: { ...winner, testPercent: 100 } }),
        message: /less than the whole audience/,
      },
      {
        name: 'a winner after no time',
        graph: () => broadcastJourney({ variants: two(), winner: { ...winner, after: { amount: 0, unit: 'hours' } } }),
        message: /positive time/,
      },
    ],
  },
];
