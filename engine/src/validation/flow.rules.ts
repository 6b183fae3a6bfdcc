import type { JourneyGraph } from '../model/journey.schema';
import type { JourneyNode } from '../model/node.schema';
import { durationMs } from '../model/common.schema';
import { isEmptyAudience } from '../model/audience.schema';
import { issue, type ValidationIssue } from './issue';

/** The minimum lead time of a timed broadcast (DESIGN.md: at least 5 minutes ahead). */
export const minScheduleLeadMs = 5 * 60_000;

/** Settings of waits, splits and triggers that make no sense. */
export function flowRules(graph: JourneyGraph, now: Date): ValidationIssue[] {
  return graph.nodes.flatMap((node) => nodeRules(node, now));
}

function nodeRules(node: JourneyNode, now: Date): ValidationIssue[] {
  const at = { nodeId: node.id };
  switch (node.kind) {
    case 'wait':
      return node.data.duration.amount > 0 ? [] : [issue('HERALD_ERR_INVALID_DURATION', 'A wait must last longer than zero.', at)];
    case 'wait_for_event': {
      const out: ValidationIssue[] = [];
      if (node.data.eventName.trim() === '') out.push(issue('HERALD_ERR_MISSING_SETTING', 'Say which event to wait for.', at));
      if (node.data.timeout.amount <= 0) out.push(issue('HERALD_ERR_INVALID_DURATION', 'The wait for an event needs a timeout longer than zero.', at));
      return out;
    }
    case 'random_split': {
      const total = node.data.branches.reduce((sum, b) => sum + b.percent, 0);
      return Math.abs(total - 100) < 1e-9 ? [] : [issue('HERALD_ERR_SPLIT_PERCENT', `The random split's branches add up to ${total}%; they must add up to 100%.`, at)];
    }
    case 'schedule': {
      const out: ValidationIssue[] = [];
      if (node.data.mode === 'once' && new Date(node.data.at).getTime() - now.getTime() < minScheduleLeadMs) {
        out.push(issue('HERALD_ERR_SEND_TIME_TOO_SOON', 'A timed send must be at least 5 minutes ahead; pick a later time or send immediately.', at));
      }
      if (isEmptyAudience(node.data.audience)) out.push(issue('HERALD_ERR_AUDIENCE_REQUIRED', 'Choose who receives it: the audience is empty.', at));
      return out;
    }
    case 'audience':
      return isEmptyAudience(node.data.audience) ? [issue('HERALD_ERR_AUDIENCE_REQUIRED', 'Choose who enters: the audience is empty.', at)] : [];
    case 'event':
      return node.data.eventName.trim() === '' ? [issue('HERALD_ERR_MISSING_SETTING', 'Say which event starts the journey.', at)] : [];
    case 'follow':
      return node.data.channelAccountId === '' ? [issue('HERALD_ERR_MISSING_SETTING', 'Choose the official account whose new followers enter.', at)] : [];
    case 'form_submit':
      return node.data.formId === '' ? [issue('HERALD_ERR_MISSING_SETTING', 'Choose the form whose submissions enter.', at)] : [];
    case 'tag':
      return node.data.tagIds.length === 0 ? [issue('HERALD_ERR_MISSING_SETTING', 'Choose at least one tag.', at)] : [];
    case 'webhook':
      return /^https?:\/\//.test(node.data.url) ? [] : [issue('HERALD_ERR_MISSING_SETTING', 'The webhook needs an http(s) URL.', at)];
    default:
      return [];
  }
}

/** Exposed for the plan: milliseconds of a wait node. */
export const waitMs = durationMs;
