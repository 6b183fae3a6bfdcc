import type { JourneyGraph } from '../model/journey.schema';
import { isTrigger, isWaiting } from '../model/node-kinds';
import { outputsOf } from '../model/outputs';
import { findCycles } from './find-cycles';
import { issue, type ValidationIssue } from './issue';

export interface Connection { source: string; sourceHandle?: string | null; target: string }

/** Whether a new connection is allowed while dragging: null when it is, else the reason. */
export function canConnect(graph: JourneyGraph, connection: Connection): ValidationIssue | null {
  const source = graph.nodes.find((n) => n.id === connection.source);
  const target = graph.nodes.find((n) => n.id === connection.target);
  if (!source || !target) return issue('HERALD_ERR_DANGLING_EDGE', 'Connect two existing steps.');
  if (source.id === target.id) return issue('HERALD_ERR_SELF_CONNECTION', 'A step cannot lead to itself.', { nodeId: source.id });
  if (isTrigger(target)) return issue('HERALD_ERR_TRIGGER_HAS_INPUT', 'Nothing can lead into the trigger.', { nodeId: target.id });
  const handle = connection.sourceHandle ?? 'out';
  if (!outputsOf(source).includes(handle)) return issue('HERALD_ERR_EXIT_HAS_OUTPUT', 'This step has no such output.', { nodeId: source.id });
  if (graph.edges.some((e) => e.source === source.id && (e.sourceHandle ?? 'out') === handle)) {
    return issue('HERALD_ERR_OUTPUT_CONNECTED_TWICE', 'This output already leads somewhere; a contact can only take one path.', { nodeId: source.id });
  }
  const edges = [...graph.edges, { id: '__candidate__', source: source.id, sourceHandle: handle, target: target.id }];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const loops = findCycles(graph.nodes.map((n) => n.id), edges)
    .filter((cycle) => cycle.includes(source.id) && cycle.includes(target.id))
    .filter((cycle) => !cycle.some((id) => isWaiting(byId.get(id)!)));
  if (loops.length > 0) return issue('HERALD_ERR_CYCLE_WITHOUT_WAIT', 'This would make a loop with no wait in it; add a wait to the loop first.', { nodeId: target.id });
  return null;
}
