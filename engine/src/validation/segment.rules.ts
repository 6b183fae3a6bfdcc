import type { JourneyGraph } from '../model/journey.schema';
import { segmentEntryEvents, type SegmentDefinition } from '../model/segment.schema';
import { issue, type ValidationCode, type ValidationIssue } from './issue';

/** What validation needs to know of a workspace's saved segment. */
export interface KnownSegment {
  name: string;
  definition: SegmentDefinition;
}

/** The codes these rules report (the API refuses a publish that has any of them). */
export const segmentIssueCodes: readonly ValidationCode[] = [
  'HERALD_ERR_SEGMENT_NOT_FOUND',
  'HERALD_ERR_SEGMENT_TRIGGER_NO_EVENT',
];

/** Every (node, segment id) a journey names: audiences that pick a segment, and "enters a segment" triggers. */
type Named = { nodeId: string; segmentId: string; trigger: boolean };
function namedSegments(graph: JourneyGraph): Named[] {
  return graph.nodes.flatMap((n): Named[] => {
    if (n.kind === 'segment') return [{ nodeId: n.id, segmentId: n.data.segmentId, trigger: true }];
    const audience = (n.data as { audience?: { kind: string; segmentId?: string } }).audience;
    return audience?.kind === 'segment' ? [{ nodeId: n.id, segmentId: audience.segmentId ?? '', trigger: false }] : [];
  });
}

/**
 * The segments a journey names, checked against the workspace's: each must exist, and one that
 * triggers the journey must count an event the contact did — the trigger looks again only when such
 * an event arrives, so a rule of tags or attributes alone (or "did not") would never let anyone in.
 */
export function segmentRules(graph: JourneyGraph, segments: Readonly<Record<string, KnownSegment>>): ValidationIssue[] {
  return namedSegments(graph).flatMap(({ nodeId, segmentId, trigger }) => {
    if (segmentId === '') return [];
    const segment = segments[segmentId];
    if (!segment)
      return [
        issue(
          'HERALD_ERR_SEGMENT_NOT_FOUND',
          'This step uses a segment this workspace does not have (it may have been deleted); choose another.',
          { nodeId },
        ),
      ];
    if (trigger && segmentEntryEvents(segment.definition).length === 0)
      return [
        issue(
          'HERALD_ERR_SEGMENT_TRIGGER_NO_EVENT',
          `"${segment.name}" has no "did an event" condition, so no arriving event could bring a contact into it: ` +
            'add one, or start the journey from an audience instead.',
          { nodeId },
        ),
      ];
    return [];
  });
}
