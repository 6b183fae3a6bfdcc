import type { JourneyGraph, JourneyNode } from '@herald/engine';

/**
 * A follow-triggered journey of `size` nodes: waits, agent messages and 50/50 splits grown
 * breadth-first from the trigger, laid out in rows; the last open branch ends stay unconnected
 * (the validator lists them as problems).
 */
export function generatedJourney(size: number, accounts: { wechat: string; wecom: string }): JourneyGraph {
  const nodes: JourneyNode[] = [
    { id: 'n0', kind: 'follow', position: { x: 0, y: 0 }, data: { channelAccountId: accounts.wechat } } as JourneyNode,
  ];
  const edges: JourneyGraph['edges'] = [];
  const open: Array<{ source: string; handle: string; depth: number }> = [{ source: 'n0', handle: 'out', depth: 0 }];
  const perRow = new Map<number, number>();
  for (let i = 1; i < size; i++) {
    const from = open.shift()!;
    const id = `n${i}`;
    const depth = from.depth + 1;
    const column = perRow.get(depth) ?? 0;
    perRow.set(depth, column + 1);
    const position = { x: column, y: depth };
    const kind = i % 4 === 1 ? 'random_split' : i % 4 === 2 ? 'send' : 'wait';
    const data =
      kind === 'random_split'
        ? {
            branches: [
              { id: 'a', label: 'A', percent: 50 },
              { id: 'b', label: 'B', percent: 50 },
            ],
          }
        : kind === 'send'
          ? {
              channelAccountId: accounts.wecom,
              channel: 'wecom',
              method: 'wecom_agent',
              type: 'contacts',
              messages: [{ type: 'text', text: `Step ${i} for {{contact.name}}` }],
            }
          : { duration: { amount: 1 + (i % 3), unit: 'days' } };
    nodes.push({ id, kind, position, data } as JourneyNode);
    edges.push({
      id: `e${i}`,
      source: from.source,
      target: id,
      ...(from.handle === 'out' ? {} : { sourceHandle: from.handle }),
    });
    for (const handle of kind === 'random_split' ? ['a', 'b'] : ['out']) open.push({ source: id, handle, depth });
  }
  // Rows centred under the trigger, as a drawn journey would be.
  for (const node of nodes.slice(1)) {
    const row = perRow.get(node.position.y)!;
    node.position = { x: Math.round((node.position.x - (row - 1) / 2) * 260), y: node.position.y * 160 };
  }
  return { nodes, edges, settings: { reentry: { mode: 'never' } } };
}
