import { describe, expect, it } from 'vitest';
import { agentSend, broadcastJourney, followJourney, node } from '../testing/fixtures';
import { journeyGraphSchema } from './journey.schema';
import { isAction, isFlow, isKind, isRealtimeTrigger, isSend, isTrigger, journeyModeOf, nodeKinds } from './node-kinds';
import { outputsOf } from './outputs';

describe('outputsOf', () => {
  it.each([
    ['a step with one way on', agentSend('s'), ['out']],
    ['an exit', node('x', 'exit', {}), []],
    [
      'a wait for event',
      node('w', 'wait_for_event', { eventName: 'paid', timeout: { amount: 1, unit: 'days' }, filters: [] }),
      ['event', 'timeout'],
    ],
    [
      'a yes/no split',
      node('s', 'split', { mode: 'yes_no', condition: { kind: 'has_tag', tagId: 't' } }),
      ['yes', 'no'],
    ],
    [
      'a split with named branches',
      node('s', 'split', {
        mode: 'branches',
        branches: [{ id: 'vip', label: 'VIP', condition: { kind: 'has_tag', tagId: 'v' } }],
      }),
      ['vip', 'else'],
    ],
    [
      'a random split',
      node('r', 'random_split', {
        branches: [
          { id: 'a', label: 'A', percent: 50 },
          { id: 'b', label: 'B', percent: 50 },
        ],
      }),
      ['a', 'b'],
    ],
  ] as const)('%s', (_name, n, outputs) => {
    expect(outputsOf(n)).toEqual(outputs);
  });
});

describe('node kinds', () => {
  it('sorts every kind into exactly one family', () => {
    for (const kind of nodeKinds) {
      const n = { id: 'x', kind, position: { x: 0, y: 0 }, data: {} } as never;
      expect([isTrigger(n), isFlow(n), isAction(n)].filter(Boolean), kind).toHaveLength(1);
    }
  });

  it('tells real-time triggers from batch ones', () => {
    const [follow] = followJourney().nodes;
    const [audience] = broadcastJourney().nodes;
    expect(isRealtimeTrigger(follow!)).toBe(true);
    expect(isRealtimeTrigger(audience!)).toBe(false);
    expect(journeyModeOf('form_submit')).toBe('realtime');
    expect(journeyModeOf('schedule')).toBe('batch');
    expect(isSend(agentSend())).toBe(true);
    expect(isKind(agentSend(), 'tag')).toBe(false);
  });
});

describe('the journey schema', () => {
  it('accepts the fixtures and fills defaults', () => {
    const parsed = journeyGraphSchema.parse({
      nodes: [{ id: 't', kind: 'event', position: { x: 0, y: 0 }, data: { eventName: 'paid' } }],
      edges: [],
    });
    expect(parsed.settings.reentry).toEqual({ mode: 'never' });
    expect(parsed.nodes[0]).toMatchObject({ data: { filters: [] } });
    expect(journeyGraphSchema.parse(followJourney())).toEqual(followJourney());
  });

  it('refuses an attachment without a material, and an unknown method', () => {
    expect(
      journeyGraphSchema.safeParse(
        followJourney({ messages: [{ type: 'image', attachment: { filename: 'a.png' } } as never] }),
      ).success,
    ).toBe(false);
    expect(journeyGraphSchema.safeParse(followJourney({ method: 'fax' as never })).success).toBe(false);
  });
});
