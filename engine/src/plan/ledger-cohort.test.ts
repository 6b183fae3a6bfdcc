import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../model/journey.schema';
import type { JourneyNode } from '../model/node.schema';
import { agentSend, audienceTrigger, chainGraph, node, withEdges, withNodes } from '../testing/fixtures';
import { tableNow as now } from '../testing/rule-case';
import { compileJourney } from './compile-journey';
import { cohortStepId, cohortWaitOf, ledgerCohortOf } from './ledger-cohort';

const audience = audienceTrigger({ kind: 'tags', mode: 'any', tagIds: ['t1'], excludeTagIds: [] });
const day = node('wait', 'wait', { duration: { amount: 1, unit: 'days' } });
const readSplit = node('split', 'split', {
  mode: 'yes_no',
  condition: { kind: 'message', nodeId: 'first', status: 'read' },
});

/** audience → first → wait 1 day → split on read → yes: `yes`, no: reminder. */
function remind(yes: JourneyNode, settings: Partial<JourneyGraph['settings']> = {}): JourneyGraph {
  let graph = withNodes(chainGraph([audience, agentSend('first'), day, readSplit], settings), agentSend('reminder'));
  graph = withEdges(graph, { id: 'no', source: 'split', sourceHandle: 'no', target: 'reminder' });
  if (yes)
    graph = withEdges(withNodes(graph, yes), { id: 'yes', source: 'split', sourceHandle: 'yes', target: yes.id });
  return graph;
}

const planOf = (graph: JourneyGraph) => {
  const compiled = compileJourney(graph, { journeyId: 'j1', version: 1, now });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  return compiled.plan;
};

describe("ledgerCohortOf: which batch plans keep the wait after their first send as the send's ledger rows", () => {
  it("audience → send → wait → split → reminder | exit: kept, the split's ends its targets", () => {
    expect(ledgerCohortOf(planOf(remind(node('done', 'exit', {}))))).toEqual({
      sendId: 'first',
      waitId: 'wait',
      waitMs: 86_400_000,
      targets: ['done', 'reminder'],
    });
    // Two sends, one per branch: both are the cohort's targets.
    expect(ledgerCohortOf(planOf(remind(agentSend('thanks'))))?.targets).toEqual(['thanks', 'reminder']);
  });

  it('not kept where a contact would have to stop as a row: a tag after the wait, a goal, quiet hours', () => {
    expect(ledgerCohortOf(planOf(remind(node('vip', 'tag', { action: 'add', tagIds: ['t2'] }))))).toBeNull();
    expect(ledgerCohortOf(planOf(remind(node('done', 'exit', {}), { goalEvent: 'purchase' })))).toBeNull();
    const quiet = { quietHours: { start: '22:00', end: '08:00', timezone: 'UTC' } };
    expect(ledgerCohortOf(planOf(remind(node('done', 'exit', {}), quiet)))).toBeNull();
  });

  it('not kept without a send first, or a fixed wait after it', () => {
    expect(ledgerCohortOf(planOf(chainGraph([audience, day, agentSend('first')])))).toBeNull();
    const until = node('wait', 'wait_until', { mode: 'time_of_day', time: '09:00', timezone: 'contact' });
    expect(ledgerCohortOf(planOf(chainGraph([audience, agentSend('first'), until, agentSend('again')])))).toBeNull();
  });

  it('names its due cohorts under a pseudo step that is never a node id', () => {
    expect(cohortWaitOf(cohortStepId('wait'))).toBe('wait');
    expect(cohortWaitOf('wait')).toBeNull();
  });
});
