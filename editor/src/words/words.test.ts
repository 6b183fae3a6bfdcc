import { describe, expect, it } from 'vitest';
import { methodIds, skipReasons } from '@herald/engine';
import { contactInput } from '@herald/api/contracts';
import { formProblems } from '../api/error-text';
import { countOf, methodLabel, reasonLabel, sendTypeLabel, sourceLabel, statusLabel, stepLabel } from './labels';
import { countWords } from './step-counts';

describe('what a marketer reads for codes', () => {
  it('names every method, skip reason and step kind in words, never by its code', () => {
    for (const m of methodIds) expect(methodLabel(m)).not.toMatch(/_/);
    for (const r of skipReasons) expect(reasonLabel(r)).toMatch(/^[A-Z][a-z’ ]/);
    expect(reasonLabel('HERALD_ERR_CHANNEL_INVALID_RECIPIENT')).toBe('The platform does not know this recipient');
    expect(reasonLabel('HERALD_ERR_PLAN_INVALID')).toBe('Plan invalid');
    expect(stepLabel('form_submit')).toBe('Form submitted');
    expect([sendTypeLabel('immediate'), sendTypeLabel('timed')]).toEqual(['Send now', 'Scheduled']);
    expect([statusLabel('in_progress'), statusLabel('active')]).toEqual(['In progress', 'Live']);
  });

  it('says where an event came from with the account’s name', () => {
    expect(sourceLabel('wechat:acc-1', { 'acc-1': 'Acme OA' })).toBe('on Acme OA');
    expect(sourceLabel('form:signup', {})).toBe('through form signup');
    expect(sourceLabel('api', {})).toBe('through the API');
  });

  it.each([
    [{ entered: 3, waiting: 3, sent: 0, failed: 0, skipped: 0, converted: 0 }, false, ['3 entered', '3 waiting']],
    [
      { entered: 12, waiting: 0, sent: 12, failed: 0, skipped: 0, converted: 4 },
      true,
      ['12 entered', '12 sent', '4 reached the goal'],
    ],
    [
      { entered: 1200, waiting: 0, sent: 1000, failed: 2, skipped: 198, converted: 0 },
      true,
      ['1,200 entered', '1,000 sent', '2 failed', '198 skipped'],
    ],
  ])('counts a step in short words: %j', (counts, isSend, words) => {
    expect(countWords(counts, isSend).map((w) => w.text)).toEqual(words);
  });

  it('uses the singular for one', () => {
    expect([countOf(1, 'minute'), countOf(2, 'minute'), countOf(1000, 'day')]).toEqual([
      '1 minute',
      '2 minutes',
      '1,000 days',
    ]);
  });
});

describe("a form's problems, from the API's own schema", () => {
  it.each([
    [{ externalId: '', name: 'Mei' }, { externalId: 'The external id cannot be empty.' }],
    [{ externalId: 'x', name: 'M'.repeat(201) }, { name: 'The name can be at most 200 characters.' }],
    [{ externalId: 'x', name: 'Mei' }, {}],
  ])('%j', (value, problems) => {
    expect(formProblems(contactInput, value, { externalId: 'the external id', name: 'the name' })).toEqual(problems);
  });
});
