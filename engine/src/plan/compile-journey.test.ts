import { describe, expect, it } from 'vitest';
import { broadcastJourney, followJourney } from '../testing/fixtures';
import { compileJourney } from './compile-journey';
import { parsePlan } from './parse-plan';

const now = new Date('2026-11-24T12:00:00Z');

describe('compileJourney', () => {
  it('compiles a real-time journey into a frozen plan that round-trips through JSON', () => {
    const result = compileJourney(followJourney(), { journeyId: 'j1', version: 3, now });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const { plan } = result;
    expect(plan).toMatchObject({ schemaVersion: 1, journeyId: 'j1', version: 3, mode: 'realtime', entry: 'wait' });
    expect(plan.nodes.wait!.next).toEqual({ out: 'send' });
    expect(plan.nodes.send!.next).toEqual({ out: null });
    expect(Object.isFrozen(plan.nodes.send!.data)).toBe(true);
    expect(JSON.stringify(plan)).not.toContain('position');
    expect(parsePlan(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
  });

  it('marks an audience-triggered broadcast as batch', () => {
    const result = compileJourney(broadcastJourney(), { journeyId: 'b1', version: 1, now });
    expect(result.ok && result.plan.mode).toBe('batch');
  });

  it('never compiles an invalid graph and returns the issues instead', () => {
    const result = compileJourney(followJourney({ method: 'wecom_group_msg', groupName: 'x' }), { journeyId: 'j1', version: 1, now });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.code)).toContain('HERALD_ERR_METHOD_NOT_REALTIME');
  });

  it('editing the graph after publishing does not change the plan', () => {
    const graph = followJourney();
    const result = compileJourney(graph, { journeyId: 'j1', version: 1, now });
    (graph.nodes[2]!.data as { messages: Array<{ text: string }> }).messages[0]!.text = 'changed';
    expect(result.ok && JSON.stringify(result.plan)).toContain('Welcome, {{contact.name}}!');
  });
});

describe('parsePlan', () => {
  it('refuses a plan of an unknown schema version with a clear error', () => {
    expect(() => parsePlan({ schemaVersion: 2 })).toThrow(expect.objectContaining({ code: 'HERALD_ERR_PLAN_VERSION', message: expect.stringContaining('version 2') }));
    expect(() => parsePlan(null)).toThrow(expect.objectContaining({ code: 'HERALD_ERR_PLAN_VERSION' }));
  });

  it('refuses a malformed plan of the right version', () => {
    expect(() => parsePlan({ schemaVersion: 1, nodes: 'x' })).toThrow(expect.objectContaining({ code: 'HERALD_ERR_PLAN_INVALID' }));
  });
});
