import { journeyGraphSchema, type JourneyGraph } from '../model/journey.schema';
import { accountRules, type KnownAccount } from './account.rules';
import { experimentRules } from './experiment.rules';
import { flowRules } from './flow.rules';
import { segmentRules, type KnownSegment } from './segment.rules';
import { issue, type ValidationIssue } from './issue';
import { sendRules } from './send.rules';
import { structureRules } from './structure.rules';
import { supportRules } from './support.rules';

export interface ValidateOptions {
  now: Date;
  /** The workspace's channel accounts by id: when given, the accounts the journey names are checked too. */
  accounts?: Readonly<Record<string, KnownAccount>>;
  /** The workspace's segments by id: when given, the segments the journey names are checked too. */
  segments?: Readonly<Record<string, KnownSegment>>;
}

/**
 * Everything wrong with a journey, as issues with stable codes. Runs in the browser on every
 * change and on the server before publishing: the same code in both places.
 */
export function validateJourney(graph: JourneyGraph, options: ValidateOptions): ValidationIssue[] {
  return [
    ...structureRules(graph),
    ...flowRules(graph, options.now),
    ...sendRules(graph),
    ...supportRules(graph),
    ...experimentRules(graph),
    ...(options.accounts ? accountRules(graph, options.accounts) : []),
    ...(options.segments ? segmentRules(graph, options.segments) : []),
  ];
}

/** Parses untrusted input first: a shape error becomes issues pinned to the node it concerns. */
export function validateJourneyInput(
  input: unknown,
  options: ValidateOptions,
): { graph?: JourneyGraph; issues: ValidationIssue[] } {
  const parsed = journeyGraphSchema.safeParse(input);
  if (parsed.success) return { graph: parsed.data, issues: validateJourney(parsed.data, options) };
  const nodes = (input as { nodes?: Array<{ id?: unknown }> } | null)?.nodes;
  const issues = parsed.error.issues.slice(0, 50).map((zodIssue) => {
    const [list, index, ...rest] = zodIssue.path;
    const nodeId =
      list === 'nodes' && typeof index === 'number' && Array.isArray(nodes) && typeof nodes[index]?.id === 'string'
        ? (nodes[index]!.id as string)
        : undefined;
    const where = rest.length > 0 ? rest.join('.') : zodIssue.path.join('.');
    return issue(
      'HERALD_ERR_INVALID_GRAPH',
      `${where || 'The journey'}: ${zodIssue.message}`,
      nodeId ? { nodeId } : {},
    );
  });
  return { issues };
}
