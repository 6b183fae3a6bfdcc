import type { JourneyGraph } from '../model/journey.schema';
import { isRealtimeTriggerKind, isTrigger } from '../model/node-kinds';
import { outputsOf } from '../model/outputs';
import { hasErrors, type ValidationIssue } from '../validation/issue';
import { validateJourney } from '../validation/validate-journey';
import { PLAN_SCHEMA_VERSION, type Plan, type PlanNode } from './plan.schema';

export interface CompileOptions { journeyId: string; version: number; now: Date }
export type CompileResult = { ok: true; plan: Plan; warnings: ValidationIssue[] } | { ok: false; issues: ValidationIssue[] };

/** Deep-freezes a JSON value: a published plan is immutable. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Validates and compiles a graph into a plan; an invalid graph never compiles. */
export function compileJourney(graph: JourneyGraph, options: CompileOptions): CompileResult {
  const issues = validateJourney(graph, { now: options.now });
  if (hasErrors(issues)) return { ok: false, issues };
  const trigger = graph.nodes.find(isTrigger)!;
  const target = (source: string, handle: string): string | null =>
    graph.edges.find((e) => e.source === source && (e.sourceHandle ?? 'out') === handle)?.target ?? null;

  const nodes: Record<string, PlanNode> = {};
  for (const node of graph.nodes) {
    if (node.id === trigger.id) continue;
    nodes[node.id] = {
      id: node.id,
      kind: node.kind,
      data: structuredClone(node.data),
      next: Object.fromEntries(outputsOf(node).map((handle) => [handle, target(node.id, handle)])),
    };
  }
  const plan: Plan = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    journeyId: options.journeyId,
    version: options.version,
    mode: isRealtimeTriggerKind(trigger.kind) ? 'realtime' : 'batch',
    trigger: { id: trigger.id, kind: trigger.kind, data: structuredClone(trigger.data) },
    entry: target(trigger.id, 'out'),
    nodes,
    settings: structuredClone(graph.settings),
  };
  return { ok: true, plan: deepFreeze(plan), warnings: issues };
}
