import type { JourneyGraph } from '../model/journey.schema';
import type { NodeOf } from '../model/node.schema';
import { isTrigger, type TriggerKind } from '../model/node-kinds';

/** The journey's trigger (the first one, when a draft has several). */
export function getTrigger(graph: JourneyGraph): NodeOf<TriggerKind> | undefined {
  return graph.nodes.find(isTrigger);
}
