import { describe, expect, it } from 'vitest';
import { followJourney, largeBranchingJourney, largeJourney } from '../testing/fixtures';
import { validateJourney, validateJourneyInput } from './validate-journey';

const now = new Date('2026-11-24T12:00:00Z');

describe('validateJourney', () => {
  it.each([
    ['a 500-node chain', () => largeJourney(500)],
    ['a 500-node canvas full of branches', () => largeBranchingJourney(500)],
  ] as const)('validates %s and finds nothing wrong', (_name, build) => {
    const graph = build();
    expect(graph.nodes.length).toBeGreaterThanOrEqual(500);
    // How fast is the canvas benchmark's to say (./herald bench --only canvas): a test asserts no time.
    expect(validateJourney(graph, { now })).toEqual([]);
  });

  it('finds every problem at once, not only the first', () => {
    const graph = followJourney({ method: 'wecom_group_msg', groupName: '', messages: [{ type: 'text', text: '' }] });
    const codes = validateJourney(graph, { now }).map((i) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'HERALD_ERR_METHOD_NOT_REALTIME',
        'HERALD_ERR_GROUP_NAME_REQUIRED',
        'HERALD_ERR_EMPTY_MESSAGE',
      ]),
    );
  });
});

describe('validateJourneyInput (untrusted JSON)', () => {
  it('pins a shape error to the node it concerns', () => {
    const raw = JSON.parse(JSON.stringify(followJourney()));
    raw.nodes[1].data.duration.unit = 'fortnights';
    const { issues, graph } = validateJourneyInput(raw, { now });
    expect(graph).toBeUndefined();
    expect(issues[0]).toMatchObject({ code: 'HERALD_ERR_INVALID_GRAPH', nodeId: 'wait' });
  });

  it('refuses what is not a graph at all', () => {
    expect(validateJourneyInput('nodes', { now }).issues[0]?.code).toBe('HERALD_ERR_INVALID_GRAPH');
    expect(validateJourneyInput({ nodes: [{ kind: 'teleport' }], edges: [] }, { now }).issues[0]?.code).toBe(
      'HERALD_ERR_INVALID_GRAPH',
    );
  });
});
