import type { JourneyGraph } from '../model/journey.schema';
import { journeyModeOf } from '../model/node-kinds';
import { getTrigger } from './get-trigger';
import { issue, type ValidationIssue } from './issue';

/**
 * What the engine cannot run, refused at publish and marked on the canvas rather than silently
 * dropped. Journey state is one row per contact, so a send to group chats (which are not contacts)
 * can only be a batch journey's one step; and a send's own audience narrows who a batch journey
 * starts with, so only its first step may have one.
 */
export function supportRules(graph: JourneyGraph): ValidationIssue[] {
  const trigger = getTrigger(graph);
  if (!trigger) return [];
  const out: ValidationIssue[] = [];
  const first = graph.edges.find((e) => e.source === trigger.id)?.target;
  const batch = journeyModeOf(trigger.kind) === 'batch';
  for (const node of graph.nodes) {
    if (node.kind !== 'send') continue;
    const isFirst = batch && node.id === first;
    if (node.data.audience && !isFirst)
      out.push(
        issue(
          'HERALD_ERR_SEND_AUDIENCE_UNSUPPORTED',
          'Only the first message of a journey that starts with an audience or a schedule can choose its own ' +
            'audience; a later step sends to everyone who reaches it, so narrow them with a split before it.',
          { nodeId: node.id },
        ),
      );
    if (node.data.type === 'group_chats' && !(isFirst && graph.edges.every((e) => e.source !== node.id)))
      out.push(
        issue(
          'HERALD_ERR_GROUP_CHATS_ONE_STEP',
          'A message to group chats can only be the one step of a journey that starts with an audience or a ' +
            'schedule: group chats cannot wait, split or receive a second message.',
          { nodeId: node.id },
        ),
      );
  }
  return out;
}
