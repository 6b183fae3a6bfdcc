import type { JourneyNode } from './node.schema';

/** A node's kind with its data (a canvas node, or a plan's step): all `outputsOf` reads. */
type KindAndData = JourneyNode extends infer N ? (N extends JourneyNode ? Pick<N, 'kind' | 'data'> : never) : never;

/** The named output handles of a node, in display order. */
export function outputsOf(node: KindAndData): string[] {
  switch (node.kind) {
    case 'exit':
      return [];
    case 'wait_for_event':
      return ['event', 'timeout'];
    case 'split':
      return node.data.mode === 'yes_no' ? ['yes', 'no'] : [...node.data.branches.map((b) => b.id), 'else'];
    case 'random_split':
      return node.data.branches.map((b) => b.id);
    default:
      return ['out'];
  }
}

/** Whether a node has more than one output (a branch node). */
export const isBranching = (node: JourneyNode): boolean => outputsOf(node).length > 1;
