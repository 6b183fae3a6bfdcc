import type { ValidationIssue } from '@herald/engine';

const same = (a: readonly ValidationIssue[], b: readonly ValidationIssue[]) =>
  a.length === b.length &&
  a.every((x, i) => x.code === b[i]!.code && x.message === b[i]!.message && x.severity === b[i]!.severity);

/**
 * Error-level issues grouped by node. A node whose issues did not change keeps the very same array,
 * so its card (which selects only its own entry) does not re-render after an unrelated edit.
 */
export function issuesByNode(
  issues: readonly ValidationIssue[],
  previous: Readonly<Record<string, ValidationIssue[]>>,
): Record<string, ValidationIssue[]> {
  const next: Record<string, ValidationIssue[]> = {};
  for (const i of issues) if (i.nodeId && i.severity === 'error') (next[i.nodeId] ??= []).push(i);
  for (const [id, list] of Object.entries(next)) if (previous[id] && same(previous[id], list)) next[id] = previous[id];
  return next;
}
