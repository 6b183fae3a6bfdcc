import { describe, expect, it } from 'vitest';
import { followJourney, agentSend } from '../testing/fixtures';
import { canConnect } from './can-connect';

describe('canConnect (the editor refuses these while dragging)', () => {
  const graph = { ...followJourney(), nodes: [...followJourney().nodes, agentSend('free'), { id: 'tag', kind: 'tag' as const, position: { x: 0, y: 0 }, data: { action: 'add' as const, tagIds: ['t'] } }] };

  it.each([
    ['a free output to a free step', { source: 'send', target: 'free' }, null],
    ['into the trigger', { source: 'send', target: 'trigger' }, 'HERALD_ERR_TRIGGER_HAS_INPUT'],
    ['a step to itself', { source: 'free', target: 'free' }, 'HERALD_ERR_SELF_CONNECTION'],
    ['an output already used', { source: 'trigger', target: 'free' }, 'HERALD_ERR_OUTPUT_CONNECTED_TWICE'],
    ['an output the step lacks', { source: 'send', sourceHandle: 'yes', target: 'free' }, 'HERALD_ERR_EXIT_HAS_OUTPUT'],
    ['a loop back through a wait', { source: 'send', target: 'wait' }, null],
  ] as const)('%s', (_name, connection, code) => {
    expect(canConnect(graph, connection)?.code ?? null).toBe(code);
  });

  it('refuses closing a loop with no wait in it', () => {
    const g = { ...graph, edges: [...graph.edges, { id: 'x', source: 'free', target: 'tag' }] };
    expect(canConnect(g, { source: 'tag', target: 'free' })?.code).toBe('HERALD_ERR_CYCLE_WITHOUT_WAIT');
  });
});
