import { describe, expect, it } from 'vitest';
import { broadcastJourney, followJourney, largeBranchingJourney } from '../testing/fixtures';
import { tableNow as now, type RuleCase } from '../testing/rule-case';
import { flowCases } from '../validation/flow.cases';
import { messageCases } from '../validation/message.cases';
import { sendCases } from '../validation/send.cases';
import { structureCases } from '../validation/structure.cases';
import { timingCases } from '../validation/timing.cases';
import { compileJourney } from './compile-journey';
import { parsePlan } from './parse-plan';

const all: RuleCase[] = [...structureCases, ...flowCases, ...timingCases, ...sendCases, ...messageCases];
const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('compileJourney', () => {
  it('compiles a real-time journey into a frozen plan that round-trips through JSON', () => {
    const result = compileJourney(followJourney(), { journeyId: 'j1', version: 3, now });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const { plan } = result;
    expect(plan).toMatchObject({
      schemaVersion: 1,
      journeyId: 'j1',
      version: 3,
      mode: 'realtime',
      entry: 'wait',
      trigger: { id: 'trigger', kind: 'follow' },
    });
    expect(plan.nodes.wait!.next).toEqual({ out: 'send' });
    expect(plan.nodes.send!.next).toEqual({ out: null });
    expect(plan.nodes.trigger).toBeUndefined();
    expect(Object.isFrozen(plan.nodes.send!.data)).toBe(true);
    expect(() => {
      (plan.nodes as Record<string, unknown>).x = 1;
    }).toThrow();
    expect(parsePlan(roundTrip(plan))).toEqual(plan);
  });

  it('keeps no canvas data: positions and labels stay in the editor', () => {
    const graph = followJourney();
    graph.nodes[1] = { ...graph.nodes[1]!, label: 'Give them a day' };
    const result = compileJourney(graph, { journeyId: 'j1', version: 1, now });
    const json = JSON.stringify(result.ok && result.plan);
    expect(json).not.toContain('position');
    expect(json).not.toContain('Give them a day');
  });

  it('resolves the next step of every output of a branching journey', () => {
    const result = compileJourney(largeBranchingJourney(50), { journeyId: 'big', version: 1, now });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.plan.nodes.n2!.next).toEqual({ yes: 'n3', no: 'n2-exit' });
    expect(result.plan.nodes.n4!.next).toEqual({ event: 'n5', timeout: 'n4-exit' });
    expect(result.plan.nodes.n5!.next).toEqual({ a: 'n6', b: 'n5-exit' });
    expect(result.plan.nodes['n2-exit']!.next).toEqual({});
    expect(parsePlan(roundTrip(result.plan))).toEqual(result.plan);
  });

  it('marks an audience-triggered broadcast as batch', () => {
    const result = compileJourney(broadcastJourney(), { journeyId: 'b1', version: 1, now });
    expect(result.ok && result.plan.mode).toBe('batch');
  });

  it('editing the graph after publishing does not change the plan', () => {
    const graph = followJourney();
    const result = compileJourney(graph, { journeyId: 'j1', version: 1, now });
    (graph.nodes[2]!.data as { messages: Array<{ text: string }> }).messages[0]!.text = 'changed';
    expect(result.ok && JSON.stringify(result.plan)).toContain('Welcome, {{contact.name}}!');
  });

  const invalid = all.flatMap((c) =>
    c.invalid.filter((e) => (e.severity ?? 'error') === 'error').map((e) => [c.code, e.name, e.graph] as const),
  );
  it.each(invalid)('never compiles a graph with %s (%s)', (code, _name, graph) => {
    const result = compileJourney(graph(), { journeyId: 'j', version: 1, now });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.code)).toContain(code);
  });

  const valid = all.flatMap((c) => c.valid.map((e) => [c.code, e.name, e.graph] as const));
  it.each(valid)('compiles the valid case of %s (%s) and reads it back from JSON', (_code, _name, graph) => {
    const result = compileJourney(graph(), { journeyId: 'j', version: 1, now });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(parsePlan(roundTrip(result.plan))).toEqual(result.plan);
  });

  it('publishes with warnings, and hands them back', () => {
    const result = compileJourney(broadcastJourney({ messages: [{ type: 'text', text: 'Hi {{contact.name}}' }] }), {
      journeyId: 'j',
      version: 1,
      now,
    });
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual(['HERALD_ERR_PERSONALISATION_UNSUPPORTED']);
  });
});

describe('parsePlan', () => {
  const plan = () => {
    const r = compileJourney(followJourney(), { journeyId: 'j1', version: 1, now });
    if (!r.ok) throw new Error('invalid');
    return roundTrip(r.plan) as Record<string, unknown>;
  };

  it('refuses a plan of an unknown schema version with a clear error', () => {
    expect(() => parsePlan({ ...plan(), schemaVersion: 2 })).toThrow(
      expect.objectContaining({ code: 'HERALD_ERR_PLAN_VERSION', message: expect.stringContaining('version 2') }),
    );
    expect(() => parsePlan(null)).toThrow(expect.objectContaining({ code: 'HERALD_ERR_PLAN_VERSION' }));
    expect(() => parsePlan({ ...plan(), schemaVersion: '1' })).toThrow(
      expect.objectContaining({ code: 'HERALD_ERR_PLAN_VERSION' }),
    );
  });

  it('refuses a malformed plan of the right version', () => {
    expect(() => parsePlan({ schemaVersion: 1, nodes: 'x' })).toThrow(
      expect.objectContaining({ code: 'HERALD_ERR_PLAN_INVALID' }),
    );
  });

  it("checks each step's settings again, by its kind", () => {
    const tampered = plan() as { nodes: Record<string, { kind: string; data: Record<string, unknown> }> };
    tampered.nodes.send!.data.method = 'fax';
    expect(() => parsePlan(tampered)).toThrow(
      expect.objectContaining({
        code: 'HERALD_ERR_PLAN_INVALID',
        message: expect.stringContaining('nodes.send.data.method'),
      }),
    );
    const unknownKind = plan() as { nodes: Record<string, { kind: string }> };
    unknownKind.nodes.wait!.kind = 'teleport';
    expect(() => parsePlan(unknownKind)).toThrow(expect.objectContaining({ code: 'HERALD_ERR_PLAN_INVALID' }));
  });

  it('returns a frozen plan', () => {
    expect(Object.isFrozen(parsePlan(plan()).nodes.wait)).toBe(true);
  });
});
