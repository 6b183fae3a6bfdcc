// Rule table: what the engine cannot run is refused, never accepted and skipped.
import type { Audience } from '../model/audience.schema';
import type { JourneyGraph } from '../model/journey.schema';
import type { JourneyNode } from '../model/node.schema';
import {
  agentSend,
  audienceTrigger,
  broadcastJourney,
  followJourney,
  node,
  withEdges,
  withNodes,
} from '../testing/fixtures';
import { splitInto } from '../testing/case-fixtures';
import type { RuleCase } from '../testing/rule-case';

const tagAudience: Audience = { kind: 'tags', mode: 'any', tagIds: ['t1'], excludeTagIds: [] };
const groupChats = audienceTrigger({ kind: 'group_chats', groupChatIds: ['chat-1'], allOfOwnerIds: [] });

/** A broadcast whose send leads on to `step`. */
const afterSend = (step: JourneyNode, base = broadcastJourney()): JourneyGraph =>
  withEdges(withNodes(base, step), { id: 'e2', source: 'send', target: step.id });

/** audience → split on a tag → one agent message per branch (the engine runs it whole). */
const batchSplit = (): JourneyGraph =>
  splitInto(
    broadcastJourney(),
    node('split', 'split', { mode: 'yes_no', condition: { kind: 'has_tag', tagId: 'vip' } }),
    { yes: 'vip', no: 'standard' },
  );

export const supportCases: RuleCase[] = [
  {
    code: 'HERALD_ERR_SEND_AUDIENCE_UNSUPPORTED',
    valid: [
      { name: 'a batch split with a message on each branch', graph: batchSplit },
      {
        name: 'a broadcast whose one send has its own audience',
        graph: () => broadcastJourney({ audience: tagAudience }),
      },
    ],
    invalid: [
      {
        name: 'an audience on a real-time journey’s message',
        graph: () => followJourney({ audience: tagAudience }),
        nodeId: 'send',
        message: /narrow them with a split/,
      },
      {
        name: 'an audience on a second message',
        graph: () => afterSend({ ...agentSend('later', { audience: tagAudience }), position: { x: 0, y: 0 } }),
        nodeId: 'later',
      },
    ],
  },
  {
    code: 'HERALD_ERR_GROUP_CHATS_ONE_STEP',
    valid: [{ name: 'a group-chat broadcast', graph: () => broadcastJourney({ type: 'group_chats' }, groupChats) }],
    invalid: [
      {
        name: 'a wait after a group-chat message',
        graph: () =>
          afterSend(
            node('later', 'wait', { duration: { amount: 1, unit: 'days' } }),
            broadcastJourney({ type: 'group_chats' }, groupChats),
          ),
        nodeId: 'send',
        message: /group chats cannot wait/,
      },
    ],
  },
];
