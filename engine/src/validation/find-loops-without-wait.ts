import type { JourneyEdge } from '../model/journey.schema';
import type { JourneyNode } from '../model/node.schema';
import { isWaiting } from '../model/node-kinds';
import { findCycles } from './find-cycles';

/**
 * Groups of steps a contact could loop through without ever waiting: the cycles of the graph
 * with every waiting step taken out. (A loop-level check, not a component-level one: a wait on
 * one loop must not excuse another loop that shares steps with it.)
 */
export function findLoopsWithoutWait(nodes: readonly JourneyNode[], edges: readonly JourneyEdge[]): string[][] {
  const busy = new Set(nodes.filter((n) => !isWaiting(n)).map((n) => n.id));
  return findCycles(
    [...busy],
    edges.filter((e) => busy.has(e.source) && busy.has(e.target)),
  );
}
