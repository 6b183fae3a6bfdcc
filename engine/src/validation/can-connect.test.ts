import { describe, expect, it } from 'vitest';
import { followJourney, agentSend, node, withEdges, withNodes } from '../testing/fixtures';
import { canConnect } from './can-connect';

describe('canConnect (the editor refuses these while dragging)', () => {
  const graph = withNodes(
    followJourney(),
    agentSend('free'),
    node('tag', 'tag', { action: 'add', tagIds: ['t'] }),
    node('end', 'exit', {}),
    node('split', 'split', { mode: 'yes_no', condition: { kind: 'has_tag', tagId: 't' } }),
  );

  it.each([
    ['a free output to a free step', { source: 'send', target: 'free' }, null],
    ['a loop back through a wait', { source: 'send', target: 'wait' }, null],
    ['a branch output of a split', { source: 'split', sourceHandle: 'no', target: 'free' }, null],
    ['into the trigger', { source: 'send', target: 'trigger' }, 'HERALD_ERR_TRIGGER_HAS_INPUT'],
    ['a step to itself', { source: 'free', target: 'free' }, 'HERALD_ERR_SELF_CONNECTION'],
    ['an output already used', { source: 'trigger', target: 'free' }, 'HERALD_ERR_OUTPUT_CONNECTED_TWICE'],
    ['an output the step lacks', { source: 'send', sourceHandle: 'yes', target: 'free' }, 'HERALD_ERR_DANGLING_EDGE'],
    ['out of an exit', { source: 'end', target: 'free' }, 'HERALD_ERR_EXIT_HAS_OUTPUT'],
    ['to a step that does not exist', { source: 'send', target: 'ghost' }, 'HERALD_ERR_DANGLING_EDGE'],
  ] as const)('%s', (_name, connection, code) => {
    const result = canConnect(graph, connection);
    expect(result?.code ?? null).toBe(code);
    if (result) expect(result.message).toMatch(/^[A-Z].{10,}\.$/);
  });

  it('refuses closing a loop with no wait in it', () => {
    const g = withEdges(graph, { id: 'x', source: 'free', target: 'tag' });
    expect(canConnect(g, { source: 'tag', target: 'free' })?.code).toBe('HERALD_ERR_CYCLE_WITHOUT_WAIT');
  });

  it('refuses a wait-free loop even when a wait sits on another loop through the same steps', () => {
    // split(no) → wait → free → split is fine; split(yes) → free would loop with no wait.
    const g = withEdges(
      graph,
      { id: 'a', source: 'free', target: 'split' },
      { id: 'b', source: 'split', sourceHandle: 'no', target: 'wait' },
      { id: 'c', source: 'wait', target: 'free' },
    );
    expect(canConnect(g, { source: 'split', sourceHandle: 'yes', target: 'free' })?.code).toBe(
      'HERALD_ERR_CYCLE_WITHOUT_WAIT',
    );
  });
});
