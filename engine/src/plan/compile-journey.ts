import type { JourneyGraph } from '../model/journey.schema';
import { isTrigger, journeyModeOf } from '../model/node-kinds';
import { outputsOf } from '../model/outputs';
import { hasErrors, type ValidationIssue } from '../validation/issue';
import { validateJourney } from '../validation/validate-journey';
import { deepFreeze } from './deep-freeze';
import { PLAN_SCHEMA_VERSION, type Plan, type PlanNode, type PlanTrigger } from './plan.schema';

export interface CompileOptions {
  journeyId: string;
  version: number;
  now: Date;
}
/** A plan with the warnings the marketer saw, or the issues that stop publishing. */
export type CompileResult =
  { ok: true; plan: Plan; warnings: ValidationIssue[] } | { ok: false; issues: ValidationIssue[] };

/** Validates and compiles a graph into a plan; an invalid graph never compiles. */
export function compileJourney(graph: JourneyGraph, options: CompileOptions): CompileResult {
  const issues = validateJourney(graph, { now: options.now });
  if (hasErrors(issues)) return { ok: false, issues };
  const trigger = graph.nodes.find(isTrigger)!;
  // Validation guarantees at most one edge per (source, output).
  const targets = new Map(graph.edges.map((e) => [`${e.source}\u0000${e.sourceHandle ?? 'out'}`, e.target]));
  const target = (source: string, handle: string): string | null => targets.get(`${source}\u0000${handle}`) ?? null;

  const nodes: Record<string, PlanNode> = {};
  for (const node of graph.nodes) {
    if (isTrigger(node)) continue;
    // Same kind and data as the canvas node, minus position and label (editor-only).
    nodes[node.id] = {
      id: node.id,
      kind: node.kind,
      data: structuredClone(node.data),
      next: Object.fromEntries(outputsOf(node).map((handle) => [handle, target(node.id, handle)])),
    } as PlanNode;
  }
  const plan: Plan = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    journeyId: options.journeyId,
    version: options.version,
    mode: journeyModeOf(trigger.kind),
    trigger: { id: trigger.id, kind: trigger.kind, data: structuredClone(trigger.data) } as PlanTrigger,
    entry: target(trigger.id, 'out'),
    nodes,
    settings: structuredClone(graph.settings),
  };
  return { ok: true, plan: deepFreeze(plan), warnings: issues };
}
