import { describe, expect, it } from 'vitest';
import { followJourney, node } from '../testing/fixtures';
import { tableNow as now } from '../testing/rule-case';
import type { JourneyGraph } from '../model/journey.schema';
import type { ValidationCode } from './issue';
import { segmentIssueCodes, type KnownSegment } from './segment.rules';
import { validateJourney } from './validate-journey';

const tag = '00000000-0000-4000-8000-000000000001';
const segments: Record<string, KnownSegment> = {
  buyers: {
    name: 'Buyers',
    definition: {
      match: 'all',
      groups: [{ match: 'all', conditions: [{ kind: 'event', eventName: 'purchase', did: true, atLeast: 1 }] }],
    },
  },
  vips: {
    name: 'VIPs',
    definition: { match: 'all', groups: [{ match: 'all', conditions: [{ kind: 'tag', tagId: tag, has: true }] }] },
  },
  lapsed: {
    name: 'Lapsed',
    definition: {
      match: 'all',
      groups: [
        {
          match: 'all',
          conditions: [{ kind: 'event', eventName: 'purchase', did: false, atLeast: 1, withinDays: 30 }],
        },
      ],
    },
  },
};
/** The follow journey started instead by "enters the segment" `id`. */
const entersSegment = (id: string): JourneyGraph => {
  const g = followJourney();
  return { ...g, nodes: [node('trigger', 'segment', { segmentId: id }), ...g.nodes.slice(1)] };
};

describe('the segments a journey names, checked against the workspace', () => {
  it.each<[string, JourneyGraph, ValidationCode | null]>([
    ['a trigger on a segment that counts an event', entersSegment('buyers'), null],
    ['a trigger on a segment of tags only', entersSegment('vips'), 'HERALD_ERR_SEGMENT_TRIGGER_NO_EVENT'],
    ['a trigger on a segment of "did not" only', entersSegment('lapsed'), 'HERALD_ERR_SEGMENT_TRIGGER_NO_EVENT'],
    ['a trigger on a deleted segment', entersSegment('gone'), 'HERALD_ERR_SEGMENT_NOT_FOUND'],
  ])('%s', (_name, graph, code) => {
    const issues = validateJourney(graph, { now, segments }).filter((i) => segmentIssueCodes.includes(i.code));
    expect(issues.map((i) => [i.code, i.nodeId])).toEqual(code ? [[code, 'trigger']] : []);
  });

  it('checks an audience that picks a segment, and nothing without the workspace segments', () => {
    const g = followJourney();
    const graph = {
      ...g,
      nodes: g.nodes.map((n) =>
        n.kind === 'send'
          ? { ...n, data: { ...n.data, audience: { kind: 'segment' as const, segmentId: 'gone' } } }
          : n,
      ),
    };
    expect(validateJourney(graph, { now, segments }).map((i) => i.code)).toContain('HERALD_ERR_SEGMENT_NOT_FOUND');
    expect(validateJourney(graph, { now }).map((i) => i.code)).not.toContain('HERALD_ERR_SEGMENT_NOT_FOUND');
  });
});
