import type { JourneyGraph } from '../model/journey.schema';
import type { NodeOf } from '../model/node.schema';
import { durationMs } from '../model/common.schema';
import { journeyModeOf } from '../model/node-kinds';
import { capabilityOf } from '../channels/registry';
import { getTrigger } from './get-trigger';
import { issue, type ValidationIssue } from './issue';
import { messageRules } from './message.rules';

/** The longest an experiment may wait before its winner is chosen. */
const maxWinnerWaitMs = 30 * 86_400_000;

/**
 * Message variants on a send step (A/B/n) and their automatic winner: what the engine runs, and
 * nothing else. Variants split contacts (one at a time), so not group chats; shares make 100; a
 * winner is chosen only in a batch run's first send, whose audience the run can hold back.
 */
export function experimentRules(graph: JourneyGraph): ValidationIssue[] {
  const trigger = getTrigger(graph);
  const first = trigger ? graph.edges.find((e) => e.source === trigger.id)?.target : undefined;
  const batch = trigger ? journeyModeOf(trigger.kind) === 'batch' : false;
  const out: ValidationIssue[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'send') continue;
    out.push(...variantRules(node, batch && node.id === first, Boolean(graph.settings.goalEvent)));
  }
  return out;
}

function variantRules(node: NodeOf<'send'>, batchFirst: boolean, hasGoal: boolean): ValidationIssue[] {
  const { variants, winner } = node.data;
  const at = { nodeId: node.id };
  const out: ValidationIssue[] = [];
  if (!variants || variants.length === 0) {
    if (winner)
      out.push(
        issue('HERALD_ERR_WINNER_UNSUPPORTED', 'A winner is chosen among variants: add a second variant first.', at),
      );
    return out;
  }
  if (node.data.type === 'group_chats')
    out.push(
      issue(
        'HERALD_ERR_VARIANTS_UNSUPPORTED',
        'Variants split contacts one by one; a message to group chats cannot have variants.',
        at,
      ),
    );
  const total = variants.reduce((sum, v) => sum + v.share, 0);
  if (variants.length < 2 || Math.abs(total - 100) > 1e-9)
    out.push(
      issue(
        'HERALD_ERR_VARIANT_SHARES',
        variants.length < 2
          ? 'An experiment needs at least two variants.'
          : `The variants' shares add up to ${Number(total.toFixed(2))}%; they must make 100%.`,
        at,
      ),
    );
  if (new Set(variants.map((v) => v.id)).size !== variants.length)
    out.push(issue('HERALD_ERR_VARIANT_SHARES', 'Two variants share a name; give each its own.', at));
  const capability = capabilityOf(node.data.method);
  variants.forEach((v, i) => {
    if (i === 0) return;
    const name = `Variant ${v.label?.trim() || v.id}`;
    if (!v.messages || v.messages.length === 0)
      out.push(issue('HERALD_ERR_NO_MESSAGES', `${name} has no message; write one or remove it.`, at));
    else out.push(...messageRules(v.messages, capability, at, `${name}: `));
  });
  if (!winner) return out;
  if (!batchFirst)
    out.push(
      issue(
        'HERALD_ERR_WINNER_UNSUPPORTED',
        'A winner can only be chosen for the first message of a journey that starts with an audience or a schedule ' +
          '(a broadcast): only there can the rest of the audience wait for it.',
        at,
      ),
    );
  if (winner.metric === 'converted' && !hasGoal)
    out.push(
      issue(
        'HERALD_ERR_WINNER_UNSUPPORTED',
        "A winner by conversion rate needs the journey's goal: set it in the journey's settings, " +
          'or choose another rate.',
        at,
      ),
    );
  const wait = durationMs(winner.after);
  if (!(wait > 0) || wait > maxWinnerWaitMs)
    out.push(issue('HERALD_ERR_WINNER_UNSUPPORTED', 'Choose the winner after a positive time of at most 30 days.', at));
  if (winner.testPercent >= 100)
    out.push(
      issue(
        'HERALD_ERR_WINNER_UNSUPPORTED',
        'Test on less than the whole audience, so that some of it is left to receive the winner.',
        at,
      ),
    );
  return out;
}
