import { describe, expect, it } from 'vitest';
import { tableNow as now, type RuleCase, type RuleExample } from '../testing/rule-case';
import { experimentCases } from './experiment.cases';
import { flowCases } from './flow.cases';
import { messageCases } from './message.cases';
import { accountIssueCodes } from './account.rules';
import { segmentIssueCodes } from './segment.rules';
import { validationCodes } from './issue';
import { sendCases } from './send.cases';
import { structureCases } from './structure.cases';
import { supportCases } from './support.cases';
import { templateCases } from './template.cases';
import { timingCases } from './timing.cases';
import { validateJourney } from './validate-journey';

const tables: Array<[string, RuleCase[]]> = [
  ['structure', structureCases],
  ['flow', flowCases],
  ['timing', timingCases],
  ['send', sendCases],
  ['message', messageCases],
  ['support', supportCases],
  ['template', templateCases],
  ['experiment', experimentCases],
];
const rows = (cases: RuleCase[], kind: 'valid' | 'invalid') =>
  cases.flatMap((c) =>
    c[kind].map((example): [string, string, RuleCase['code'], RuleExample] => [c.code, example.name, c.code, example]),
  );

describe.each(tables)('%s rules', (_table, cases) => {
  it.each(rows(cases, 'invalid'))('%s: reported for %s', (_label, _name, code, example) => {
    const issues = validateJourney(example.graph(), { now });
    const found = issues.find(
      (i) =>
        i.code === code &&
        (example.nodeId === undefined || i.nodeId === example.nodeId) &&
        (example.edgeId === undefined || i.edgeId === example.edgeId),
    );
    expect(found, `expected ${code} among ${JSON.stringify(issues, null, 1)}`).toBeDefined();
    expect(found!.severity).toBe(example.severity ?? 'error');
    if (example.message) expect(found!.message).toMatch(example.message);
    // A sentence a marketer can read: capitalised (or quoting a step), ending in a full stop, no code inside.
    expect(found!.message).toMatch(/^["A-Z].{15,}\.$/s);
    expect(found!.message).not.toMatch(/HERALD_ERR|undefined|\[object/);
  });

  it.each(rows(cases, 'valid'))('%s: not reported for %s', (_label, _name, code, example) => {
    const issues = validateJourney(example.graph(), { now });
    expect(issues.filter((i) => i.code === code || i.severity === 'error')).toEqual([]);
  });
});

describe('the rule tables', () => {
  it('hold a valid and an invalid case for every code validation reports', () => {
    const all = tables.flatMap(([, cases]) => cases);
    // INVALID_GRAPH comes from parsing untrusted JSON (validateJourneyInput), tested beside it; the account
    // rules need the workspace's accounts and have their own table (account.rules.test.ts).
    const missing = validationCodes
      .filter(
        (code) =>
          code !== 'HERALD_ERR_INVALID_GRAPH' && !accountIssueCodes.includes(code) && !segmentIssueCodes.includes(code),
      )
      .filter((code) => {
        const cases = all.filter((c) => c.code === code);
        return !cases.some((c) => c.valid.length > 0) || !cases.some((c) => c.invalid.length > 0);
      });
    expect(missing).toEqual([]);
  });
});
