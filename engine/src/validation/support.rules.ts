import type { JourneyGraph } from '../model/journey.schema';
import { journeyModeOf } from '../model/node-kinds';
import { getTrigger } from './get-trigger';
import { issue, type ValidationIssue } from './issue';

/**
 * What the engine cannot run yet, refused at publish and marked on the canvas rather than
 * silently dropped: a batch journey (audience or schedule) runs its audience through one send
 * step and nothing after it, and a schedule fires once. The set-based engine lifts both.
 */
export function supportRules(graph: JourneyGraph): ValidationIssue[] {
  const trigger = getTrigger(graph);
  if (!trigger || journeyModeOf(trigger.kind) !== 'batch') return [];
  const out: ValidationIssue[] = [];
  if (trigger.kind === 'schedule' && trigger.data.mode === 'recurring') {
    out.push(
      issue(
        'HERALD_ERR_SCHEDULE_RECURRING_UNSUPPORTED',
        'Repeating schedules cannot run yet; choose "once" and a date, or publish it again each time.',
        { nodeId: trigger.id },
      ),
    );
  }
  const next = (id: string) => graph.edges.filter((e) => e.source === id).map((e) => e.target);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const [entry] = next(trigger.id);
  const runnable = new Set<string>([trigger.id]);
  if (entry && byId.get(entry)?.kind === 'send') {
    runnable.add(entry);
    for (const after of next(entry)) if (byId.get(after)?.kind === 'exit') runnable.add(after);
  }
  for (const node of graph.nodes) {
    if (runnable.has(node.id)) continue;
    out.push(
      issue(
        'HERALD_ERR_BATCH_STEP_UNSUPPORTED',
        'A journey that starts with an audience or a schedule can only send one message for now, so this step would not run; remove it, or start the journey with a follow, a form or an event.',
        { nodeId: node.id },
      ),
    );
  }
  return out;
}
