import type { JourneyGraph } from '../model/journey.schema';
import type { JourneyNode } from '../model/node.schema';
import { isEmptyAudience } from '../model/audience.schema';
import { isValidTimeZone } from '../model/time';
import { weekdaysOf } from '../model/recurrence';
import { durationMs } from '../model/common.schema';
import { issue, warning, type ValidationIssue } from './issue';

/** The minimum lead time of a timed broadcast (DESIGN.md: at least 5 minutes ahead). */
export const minScheduleLeadMs = 5 * 60_000;

/** The furthest ahead a timed send may be (a year), and the longest a contact may wait at one step (365 days). */
export const maxScheduleAheadMs = 365 * 86_400_000;
export const maxWaitMs = 365 * 86_400_000;

type At = { nodeId?: string };

const tooLong = (what: string, at: At): ValidationIssue =>
  issue('HERALD_ERR_DURATION_TOO_LONG', `${what} can last at most 365 days; pick a shorter time.`, at);

const badZone = (zone: string, what: string, at: At): ValidationIssue[] =>
  isValidTimeZone(zone)
    ? []
    : [
        issue(
          'HERALD_ERR_INVALID_TIMEZONE',
          `"${zone}" is not a time zone Herald knows; pick one like Asia/Shanghai for ${what}.`,
          at,
        ),
      ];

/** Settings of triggers, waits, splits and actions that make no sense, and the journey settings. */
export function flowRules(graph: JourneyGraph, now: Date): ValidationIssue[] {
  const quiet = graph.settings.quietHours;
  return [
    ...(quiet ? badZone(quiet.timezone, 'the quiet hours', {}) : []),
    ...graph.nodes.flatMap((node) => nodeRules(node, now, graph)),
  ];
}

/** Branch ids become output handles: they must be unique and not collide with 'else'. */
function branchIdRules(ids: readonly string[], reserved: readonly string[], at: At): ValidationIssue[] {
  const seen = new Set<string>(reserved);
  const clash = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  return clash.length === 0
    ? []
    : [issue('HERALD_ERR_DUPLICATE_ID', `Two branches share the id "${clash[0]}"; every branch needs its own.`, at)];
}

function nodeRules(node: JourneyNode, now: Date, graph: JourneyGraph): ValidationIssue[] {
  const at = { nodeId: node.id };
  switch (node.kind) {
    case 'wait':
      return node.data.duration.amount <= 0
        ? [issue('HERALD_ERR_INVALID_DURATION', 'A wait must last longer than zero.', at)]
        : durationMs(node.data.duration) > maxWaitMs
          ? [tooLong('A wait', at)]
          : [];
    case 'wait_until':
      if (node.data.mode === 'datetime') {
        if (new Date(node.data.at).getTime() - now.getTime() > maxWaitMs)
          return [
            issue(
              'HERALD_ERR_DURATION_TOO_LONG',
              'A wait can end at most 365 days from now; pick an earlier date.',
              at,
            ),
          ];
        return new Date(node.data.at).getTime() > now.getTime()
          ? []
          : [
              warning(
                'HERALD_ERR_WAIT_UNTIL_PAST',
                'This date has passed, so contacts will not wait here at all; pick a later date.',
                at,
              ),
            ];
      }
      return node.data.timezone === 'contact' ? [] : badZone(node.data.timezone, 'this wait', at);
    case 'wait_for_event': {
      const out: ValidationIssue[] = [];
      if (node.data.eventName.trim() === '')
        out.push(issue('HERALD_ERR_MISSING_SETTING', 'Say which event to wait for.', at));
      if (node.data.timeout.amount <= 0)
        out.push(issue('HERALD_ERR_INVALID_DURATION', 'The wait for an event needs a timeout longer than zero.', at));
      else if (durationMs(node.data.timeout) > maxWaitMs) out.push(tooLong('The wait for an event', at));
      return out;
    }
    case 'split': {
      const conditions =
        node.data.mode === 'yes_no' ? [node.data.condition] : node.data.branches.map((b) => b.condition);
      const missing = conditions
        .map((c): string | null =>
          c.kind === 'has_tag' && c.tagId === ''
            ? 'Choose the tag the split checks.'
            : c.kind === 'attribute' && c.key.trim() === ''
              ? 'Name the attribute the split checks.'
              : c.kind === 'event_happened' && c.eventName.trim() === ''
                ? 'Name the event the split checks.'
                : c.kind === 'interacted' && c.channelAccountId === ''
                  ? 'Choose the account the split checks.'
                  : c.kind === 'message' && !graph.nodes.some((n) => n.id === c.nodeId && n.kind === 'send')
                    ? 'Choose the message step of this journey whose message the split checks.'
                    : null,
        )
        .filter((m): m is string => m !== null);
      return [
        ...(node.data.mode === 'branches'
          ? branchIdRules(
              node.data.branches.map((b) => b.id),
              ['else'],
              at,
            )
          : []),
        ...[...new Set(missing)].map((m) => issue('HERALD_ERR_MISSING_SETTING', m, at)),
      ];
    }
    case 'random_split': {
      const total = node.data.branches.reduce((sum, b) => sum + b.percent, 0);
      return [
        ...branchIdRules(
          node.data.branches.map((b) => b.id),
          [],
          at,
        ),
        ...(Math.abs(total - 100) < 1e-9
          ? []
          : [
              issue(
                'HERALD_ERR_SPLIT_PERCENT',
                `The random split's branches add up to ${total}%; they must add up to 100%.`,
                at,
              ),
            ]),
      ];
    }
    case 'schedule': {
      const out: ValidationIssue[] = [];
      const data = node.data;
      if (data.mode === 'once' && new Date(data.at).getTime() - now.getTime() < minScheduleLeadMs) {
        out.push(
          issue(
            'HERALD_ERR_SEND_TIME_TOO_SOON',
            'A timed send must be at least 5 minutes ahead; pick a later time or send immediately.',
            at,
          ),
        );
      }
      if (data.mode === 'once' && new Date(data.at).getTime() - now.getTime() > maxScheduleAheadMs)
        out.push(
          issue('HERALD_ERR_SEND_TIME_TOO_FAR', 'A timed send can be at most a year ahead; pick an earlier time.', at),
        );
      if (data.mode === 'recurring') {
        out.push(...badZone(data.timezone, 'the schedule', at));
        if (data.every === 'week' && weekdaysOf(data).length === 0)
          out.push(issue('HERALD_ERR_MISSING_SETTING', 'Choose the day of the week it repeats on.', at));
        if (data.every === 'month' && data.dayOfMonth === undefined)
          out.push(issue('HERALD_ERR_MISSING_SETTING', 'Choose the day of the month it repeats on.', at));
      }
      if (isEmptyAudience(data.audience))
        out.push(issue('HERALD_ERR_AUDIENCE_REQUIRED', 'Choose who receives it: the audience is empty.', at));
      return out;
    }
    case 'audience':
      return isEmptyAudience(node.data.audience)
        ? [issue('HERALD_ERR_AUDIENCE_REQUIRED', 'Choose who enters: the audience is empty.', at)]
        : [];
    case 'event':
      return node.data.eventName.trim() === ''
        ? [issue('HERALD_ERR_MISSING_SETTING', 'Say which event starts the journey.', at)]
        : [];
    case 'follow':
      return node.data.channelAccountId === ''
        ? [issue('HERALD_ERR_MISSING_SETTING', 'Choose the official account whose new followers enter.', at)]
        : [];
    case 'form_submit':
      return node.data.formId === ''
        ? [issue('HERALD_ERR_MISSING_SETTING', 'Choose the form whose submissions enter.', at)]
        : [];
    case 'segment':
      return node.data.segmentId === ''
        ? [issue('HERALD_ERR_MISSING_SETTING', 'Choose the segment whose new members enter.', at)]
        : [];
    case 'tag':
      return node.data.tagIds.length === 0 ? [issue('HERALD_ERR_MISSING_SETTING', 'Choose at least one tag.', at)] : [];
    case 'update_contact':
      return Object.keys(node.data.set).length === 0
        ? [issue('HERALD_ERR_MISSING_SETTING', 'Choose at least one contact field to set.', at)]
        : [];
    case 'webhook':
      return /^https?:\/\/\S+$/.test(node.data.url)
        ? []
        : [issue('HERALD_ERR_MISSING_SETTING', 'The webhook needs an http(s) URL.', at)];
    default:
      return [];
  }
}
