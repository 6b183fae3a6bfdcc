// Rule table: durations, send times and time zones of waits and triggers. The other settings of triggers,
// splits and actions are flow.cases.ts.
import type { JourneyGraph } from '../model/journey.schema';
import { broadcastJourney, followJourney, node, patchNode, scheduleTrigger } from '../testing/fixtures';
import { recurring, withStep } from '../testing/case-fixtures';
import { inMinutes, type RuleCase } from '../testing/rule-case';

const valid = { name: 'follow → wait → agent message', graph: () => followJourney() };

/** The follow journey with quiet hours from 21:00 to 08:00 in `timezone`. */
const quietHoursIn = (timezone: string) => (): JourneyGraph => ({
  ...followJourney(),
  settings: { reentry: { mode: 'never' }, quietHours: { start: '21:00', end: '08:00', timezone } },
});

export const timingCases: RuleCase[] = [
  {
    code: 'HERALD_ERR_INVALID_DURATION',
    valid: [valid],
    invalid: [
      {
        name: 'a zero wait',
        graph: () => patchNode(followJourney(), 'wait', { duration: { amount: 0, unit: 'days' } }),
        nodeId: 'wait',
      },
      {
        name: 'a negative wait',
        graph: () => patchNode(followJourney(), 'wait', { duration: { amount: -2, unit: 'hours' } }),
        nodeId: 'wait',
      },
    ],
  },
  {
    code: 'HERALD_ERR_DURATION_TOO_LONG',
    valid: [
      {
        name: 'a wait of 365 days',
        graph: () => patchNode(followJourney(), 'wait', { duration: { amount: 365, unit: 'days' } }),
      },
    ],
    invalid: [
      {
        name: 'a wait of 99,999 days',
        graph: () => patchNode(followJourney(), 'wait', { duration: { amount: 99_999, unit: 'days' } }),
        nodeId: 'wait',
        message: /at most 365 days/,
      },
      {
        name: 'a wait of 9,000 hours',
        graph: () => patchNode(followJourney(), 'wait', { duration: { amount: 9000, unit: 'hours' } }),
        nodeId: 'wait',
      },
      {
        name: 'a wait for an event timing out after 400 days',
        graph: () =>
          withStep(
            node('w', 'wait_for_event', { eventName: 'purchase', timeout: { amount: 400, unit: 'days' }, filters: [] }),
          ),
        nodeId: 'wait',
      },
      {
        name: 'a wait until a date in the year 9999',
        graph: () => withStep(node('w', 'wait_until', { mode: 'datetime', at: '9999-12-31T00:00:00.000Z' })),
        nodeId: 'wait',
        message: /365 days from now/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_SEND_TIME_TOO_FAR',
    valid: [
      {
        name: 'a timed broadcast 364 days ahead',
        graph: () => broadcastJourney({}, scheduleTrigger(inMinutes(364 * 1440))),
      },
    ],
    invalid: [
      {
        name: 'a timed broadcast in the year 9999',
        graph: () => broadcastJourney({}, scheduleTrigger('9999-01-01T00:00:00.000Z')),
        nodeId: 'trigger',
        message: /at most a year ahead/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_SEND_TIME_TOO_SOON',
    valid: [
      { name: 'a timed broadcast 6 minutes ahead', graph: () => broadcastJourney({}, scheduleTrigger(inMinutes(6))) },
    ],
    invalid: [
      {
        name: 'a timed broadcast 4 minutes ahead',
        graph: () => broadcastJourney({}, scheduleTrigger(inMinutes(4))),
        nodeId: 'trigger',
        message: /5 minutes/,
      },
      {
        name: 'a timed broadcast in the past',
        graph: () => broadcastJourney({}, scheduleTrigger(inMinutes(-60))),
        nodeId: 'trigger',
      },
    ],
  },
  {
    code: 'HERALD_ERR_INVALID_TIMEZONE',
    valid: [
      {
        name: 'quiet hours in Asia/Shanghai',
        graph: quietHoursIn('Asia/Shanghai'),
      },
      {
        name: "wait until 9:00 in the contact's zone",
        graph: () => withStep(node('x', 'wait_until', { mode: 'time_of_day', time: '09:00', timezone: 'contact' })),
      },
    ],
    invalid: [
      {
        name: 'quiet hours in an unknown zone',
        graph: quietHoursIn('Mars/Olympus'),
        message: /Mars\/Olympus/,
      },
      {
        name: 'wait until 9:00 in an unknown zone',
        graph: () => withStep(node('x', 'wait_until', { mode: 'time_of_day', time: '09:00', timezone: 'Beijing' })),
        nodeId: 'wait',
      },
      {
        name: 'a daily schedule in an unknown zone',
        graph: () => broadcastJourney({}, recurring({ timezone: 'CST+8' })),
        nodeId: 'trigger',
      },
    ],
  },
  {
    code: 'HERALD_ERR_WAIT_UNTIL_PAST',
    valid: [
      {
        name: 'wait until next week',
        graph: () => withStep(node('x', 'wait_until', { mode: 'datetime', at: inMinutes(7 * 1440) })),
      },
    ],
    invalid: [
      {
        name: 'wait until yesterday',
        graph: () => withStep(node('x', 'wait_until', { mode: 'datetime', at: inMinutes(-1440) })),
        nodeId: 'wait',
        severity: 'warning',
      },
    ],
  },
];
