import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileJourney, nodeKinds, validateJourneyInput, type JourneyGraph } from '@herald/engine';
import { broadcastJourney, followJourney, largeBranchingJourney, largeJourney } from '@herald/engine/testing';

// The graph validator is the editor's and the API's first line: whatever a browser or a client
// sends, it must answer with an issue list (never throw), and a graph it accepts must compile.
const now = new Date('2026-11-25T12:00:00Z');
const samples: JourneyGraph[] = [followJourney(), broadcastJourney(), largeJourney(12), largeBranchingJourney(8)];
const poolNodes = samples.flatMap((g) => g.nodes);
const poolHandles = [
  ...new Set(
    samples.flatMap((g) => g.edges.map((e) => e.sourceHandle).filter((h): h is string => typeof h === 'string')),
  ),
];
const tally = { graphs: 0, valid: 0, compiled: 0, issues: 0 };

const ids = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  fc.constantFrom(...new Set(poolNodes.map((n) => n.id))),
  fc.string({ maxLength: 6 }),
);
const data = fc.oneof(fc.constantFrom(...poolNodes.map((n) => n.data)), fc.jsonValue(), fc.object());
const node = fc.record(
  {
    id: ids,
    kind: fc.oneof(
      fc.constantFrom(...nodeKinds),
      fc.constantFrom(...poolNodes.map((n) => n.kind)),
      fc.string({ maxLength: 8 }),
    ),
    position: fc.oneof(fc.record({ x: fc.double(), y: fc.double() }), fc.jsonValue()),
    data,
  },
  { requiredKeys: ['id', 'kind', 'position', 'data'] },
);
const pooled = fc.tuple(fc.constantFrom(...poolNodes), ids).map(([n, id]) => ({ ...n, id }));
const edge = fc.record(
  {
    id: ids,
    source: ids,
    target: ids,
    sourceHandle: fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(...poolHandles, 'out', 'yes', 'no'),
      fc.string({ maxLength: 5 }),
    ),
  },
  { requiredKeys: ['id', 'source', 'target'] },
);
const settings = fc.oneof(fc.constant(undefined), fc.constantFrom(...samples.map((g) => g.settings)), fc.jsonValue());
const graph = fc.record({
  nodes: fc.array(fc.oneof(pooled, pooled, node), { maxLength: 12 }),
  edges: fc.array(edge, { maxLength: 16 }),
  settings,
});
// A sample graph with nodes and edges dropped, edges added, and one node's data replaced.
const mutated = fc
  .tuple(
    fc.constantFrom(...samples),
    fc.array(fc.nat(40), { maxLength: 4 }),
    fc.array(fc.nat(40), { maxLength: 2 }),
    fc.array(edge, { maxLength: 2 }),
    fc.option(fc.tuple(fc.nat(40), data)),
  )
  .map(([g, dropEdges, dropNodes, extra, swap]) => ({
    ...g,
    nodes: g.nodes
      .filter((_, i) => !dropNodes.includes(i))
      .map((n, i) => (swap && swap[0] === i ? { ...n, data: swap[1] } : n)),
    edges: [...g.edges.filter((_, i) => !dropEdges.includes(i)), ...extra],
  }));
const input = fc.oneof(
  mutated,
  mutated,
  mutated,
  graph,
  graph,
  fc.jsonValue(),
  fc.record({ nodes: fc.jsonValue(), edges: fc.jsonValue() }),
);

describe('property-based: the journey graph validator', () => {
  it('never throws on any input and always answers an issue list with codes; what it accepts compiles', () => {
    fc.assert(
      fc.property(input, (candidate) => {
        tally.graphs++;
        const result = validateJourneyInput(candidate, { now });
        expect(Array.isArray(result.issues)).toBe(true);
        for (const i of result.issues) {
          expect(i.code).toMatch(/^HERALD_ERR_/);
          expect(['error', 'warning']).toContain(i.severity);
          expect(typeof i.message).toBe('string');
        }
        tally.issues += result.issues.length;
        if (result.graph) {
          tally.valid++;
          const compiled = compileJourney(result.graph, { journeyId: 'j', version: 1, now });
          if (compiled.ok) tally.compiled++;
          else expect(compiled.issues.some((i) => i.severity === 'error')).toBe(true);
          if (result.issues.every((i) => i.severity !== 'error'))
            expect(compiled.ok, JSON.stringify(result.graph).slice(0, 500)).toBe(true);
        } else {
          expect(result.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
    console.log(
      `validator: ${tally.graphs} inputs, ${tally.valid} well-formed graphs (${tally.compiled} compiled), ` +
        `${tally.issues} issues reported, nothing thrown`,
    );
    expect(tally.valid).toBeGreaterThan(300);
  });
});
