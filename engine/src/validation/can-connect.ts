import type { JourneyGraph } from '../model/journey.schema';
import { isTrigger, isWaiting } from '../model/node-kinds';
import { outputsOf } from '../model/outputs';
import { findLoopsWithoutWait } from './find-loops-without-wait';
import { issue, type ValidationIssue } from './issue';

export interface Connection {
  source: string;
  sourceHandle?: string | null;
  target: string;
}

/** Whether a new connection is allowed while dragging: null when it is, else the reason. */
export function canConnect(graph: JourneyGraph, connection: Connection): ValidationIssue | null {
  const source = graph.nodes.find((n) => n.id === connection.source);
  const target = graph.nodes.find((n) => n.id === connection.target);
  if (!source || !target) return issue('HERALD_ERR_DANGLING_EDGE', 'Connect two existing steps.');
  if (source.id === target.id)
    return issue('HERALD_ERR_SELF_CONNECTION', 'A step cannot lead to itself.', { nodeId: source.id });
  if (isTrigger(target))
    return issue('HERALD_ERR_TRIGGER_HAS_INPUT', 'Nothing can lead into the trigger.', { nodeId: target.id });
  const handle = connection.sourceHandle ?? 'out';
  if (!outputsOf(source).includes(handle)) {
    return source.kind === 'exit'
      ? issue('HERALD_ERR_EXIT_HAS_OUTPUT', 'An exit ends the journey; nothing can follow it.', { nodeId: source.id })
      : issue('HERALD_ERR_DANGLING_EDGE', `This step has no output "${handle}".`, { nodeId: source.id });
  }
  if (graph.edges.some((e) => e.source === source.id && (e.sourceHandle ?? 'out') === handle)) {
    return issue(
      'HERALD_ERR_OUTPUT_CONNECTED_TWICE',
      'This output already leads somewhere; a contact can only take one path.',
      { nodeId: source.id },
    );
  }
  // The new edge closes a loop without a wait when neither end waits and the target already
  // reaches the source through steps that do not wait either.
  const loops =
    !isWaiting(source) &&
    !isWaiting(target) &&
    findLoopsWithoutWait(graph.nodes, [...graph.edges, { id: '', source: source.id, target: target.id }]).some(
      (loop) => loop.includes(source.id) && loop.includes(target.id),
    );
  if (loops)
    return issue(
      'HERALD_ERR_CYCLE_WITHOUT_WAIT',
      'This would make a loop with no wait in it; add a wait to the loop first.',
      { nodeId: target.id },
    );
  return null;
}
