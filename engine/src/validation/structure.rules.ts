import type { JourneyGraph } from '../model/journey.schema';
import { isTrigger, nodeKindLabels } from '../model/node-kinds';
import { outputsOf } from '../model/outputs';
import { findLoopsWithoutWait } from './find-loops-without-wait';
import { getOutgoingEdges } from './get-outgoing-edges';
import { reachableFrom } from './reachable-from';
import { issue, type ValidationIssue } from './issue';

const name = (graph: JourneyGraph, id: string): string => {
  const node = graph.nodes.find((n) => n.id === id);
  return node ? `"${node.label ?? nodeKindLabels[node.kind]}"` : `"${id}"`;
};

/** Ids unique, exactly one trigger, edges point at real nodes and outputs, every output wired once. */
export function structureRules(graph: JourneyGraph): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const ids = new Set<string>();
  for (const item of [...graph.nodes, ...graph.edges]) {
    if (ids.has(item.id))
      issues.push(
        issue(
          'HERALD_ERR_DUPLICATE_ID',
          `Two items share the id "${item.id}"; every node and connection needs its own.`,
        ),
      );
    ids.add(item.id);
  }

  const triggers = graph.nodes.filter(isTrigger);
  if (triggers.length === 0)
    issues.push(
      issue(
        'HERALD_ERR_NO_TRIGGER',
        'A journey needs a trigger: add one that says who enters ' +
          '(a follow, a form, an event, a schedule or an audience).',
      ),
    );
  for (const extra of triggers.slice(1)) {
    issues.push(
      issue(
        'HERALD_ERR_MULTIPLE_TRIGGERS',
        `A journey has exactly one trigger; remove ${name(graph, extra.id)} or make it a separate journey.`,
        { nodeId: extra.id },
      ),
    );
  }

  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const validEdges = graph.edges.filter((edge) => {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) {
      issues.push(
        issue('HERALD_ERR_DANGLING_EDGE', 'A connection points at a step that no longer exists; delete it.', {
          edgeId: edge.id,
        }),
      );
      return false;
    }
    const handle = edge.sourceHandle ?? 'out';
    if (!outputsOf(source).includes(handle)) {
      issues.push(
        issue(
          source.kind === 'exit' ? 'HERALD_ERR_EXIT_HAS_OUTPUT' : 'HERALD_ERR_DANGLING_EDGE',
          source.kind === 'exit'
            ? 'An exit ends the journey; nothing can follow it.'
            : `${name(graph, source.id)} has no output "${handle}"; reconnect this connection.`,
          { edgeId: edge.id, nodeId: source.id },
        ),
      );
      return false;
    }
    if (edge.source === edge.target) {
      issues.push(
        issue('HERALD_ERR_SELF_CONNECTION', `${name(graph, source.id)} is connected to itself.`, {
          edgeId: edge.id,
          nodeId: source.id,
        }),
      );
      return false;
    }
    if (isTrigger(target)) {
      issues.push(
        issue('HERALD_ERR_TRIGGER_HAS_INPUT', 'Nothing can lead into the trigger; it is where contacts enter.', {
          edgeId: edge.id,
          nodeId: target.id,
        }),
      );
      return false;
    }
    return true;
  });

  for (const node of graph.nodes) {
    const outgoing = getOutgoingEdges(validEdges, node.id);
    for (const handle of outputsOf(node)) {
      const edges = outgoing.get(handle) ?? [];
      if (edges.length > 1)
        issues.push(
          issue(
            'HERALD_ERR_OUTPUT_CONNECTED_TWICE',
            `An output of ${name(graph, node.id)} leads to two steps; a contact can only take one path. Use a split.`,
            { nodeId: node.id },
          ),
        );
      const branch = outputsOf(node).length > 1;
      if (edges.length === 0 && branch) {
        issues.push(
          issue(
            'HERALD_ERR_UNCONNECTED_OUTPUT',
            `The "${handle}" path of ${name(graph, node.id)} leads nowhere; connect it (an exit is fine).`,
            { nodeId: node.id },
          ),
        );
      }
    }
  }

  const trigger = triggers[0];
  if (trigger) {
    const reached = reachableFrom(validEdges, trigger.id);
    for (const node of graph.nodes) {
      if (!reached.has(node.id) && !isTrigger(node)) {
        issues.push(
          issue(
            'HERALD_ERR_UNREACHABLE_NODE',
            `${name(graph, node.id)} cannot be reached from the trigger; connect it or delete it.`,
            { nodeId: node.id },
          ),
        );
      }
    }
  }

  for (const cycle of findLoopsWithoutWait(graph.nodes, validEdges)) {
    issues.push(
      issue(
        'HERALD_ERR_CYCLE_WITHOUT_WAIT',
        `These steps loop with no wait between them, so a contact would cycle forever: ` +
          `${cycle.map((id) => name(graph, id)).join(' → ')}. Add a wait to the loop.`,
        { nodeId: cycle[0]! },
      ),
    );
  }
  return issues;
}
