// Rule table: what the engine cannot run yet is refused, never accepted and skipped.
import type { JourneyGraph } from '../model/journey.schema';
import {
  agentSend,
  broadcastJourney,
  followJourney,
  node,
  scheduleTrigger,
  withEdges,
  withNodes,
} from '../testing/fixtures';
import { inMinutes, type RuleCase } from '../testing/rule-case';

const recurring = node('trigger', 'schedule', {
  mode: 'recurring',
  every: 'day',
  time: '09:00',
  timezone: 'Asia/Shanghai',
  audience: { kind: 'tags', mode: 'any', tagIds: ['t1'], excludeTagIds: [] },
});

/** A broadcast whose send leads on to `step`. */
const afterSend = (step: ReturnType<typeof node>): JourneyGraph =>
  withEdges(withNodes(broadcastJourney(), step), { id: 'e2', source: 'send', target: step.id });

/** audience → split on a tag → one agent message per branch. */
function batchSplit(): JourneyGraph {
  const g = broadcastJourney();
  return {
    ...g,
    nodes: [
      g.nodes[0]!,
      node('split', 'split', { mode: 'yes_no', condition: { kind: 'has_tag', tagId: 'vip' } }),
      agentSend('vip'),
      agentSend('standard'),
    ],
    edges: [
      { id: 'e1', source: 'trigger', target: 'split' },
      { id: 'e2', source: 'split', sourceHandle: 'yes', target: 'vip' },
      { id: 'e3', source: 'split', sourceHandle: 'no', target: 'standard' },
    ],
  };
}

export const supportCases: RuleCase[] = [
  {
    code: 'HERALD_ERR_BATCH_STEP_UNSUPPORTED',
    valid: [
      { name: 'a broadcast: audience → one send', graph: () => broadcastJourney() },
      {
        name: 'a timed broadcast: schedule once → one send',
        graph: () => broadcastJourney({}, scheduleTrigger(inMinutes(60))),
      },
      { name: 'a broadcast ending in an exit', graph: () => afterSend(node('end', 'exit', {})) },
      { name: 'a real-time journey with a wait before its send', graph: () => followJourney() },
    ],
    invalid: [
      {
        name: 'a batch split on a tag (it would send every branch the first message)',
        graph: batchSplit,
        nodeId: 'split',
        message: /only send one message/,
      },
      {
        name: 'a second message after a wait',
        graph: () => afterSend(node('later', 'wait', { duration: { amount: 1, unit: 'days' } })),
        nodeId: 'later',
      },
      {
        name: 'a tag step after the send',
        graph: () => afterSend(node('tagged', 'tag', { action: 'add', tagIds: ['t1'] })),
        nodeId: 'tagged',
      },
    ],
  },
  {
    code: 'HERALD_ERR_SCHEDULE_RECURRING_UNSUPPORTED',
    valid: [
      { name: 'a schedule once, 6 minutes ahead', graph: () => broadcastJourney({}, scheduleTrigger(inMinutes(6))) },
    ],
    invalid: [
      {
        name: 'a daily schedule (it would fire once)',
        graph: () => broadcastJourney({}, recurring),
        nodeId: 'trigger',
        message: /Repeating/,
      },
    ],
  },
];
