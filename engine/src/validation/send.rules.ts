import type { JourneyGraph } from '../model/journey.schema';
import type { NodeOf } from '../model/node.schema';
import type { Audience } from '../model/audience.schema';
import { journeyModeOf, type JourneyMode } from '../model/node-kinds';
import { audienceKindsFor, capabilityOf } from '../channels/registry';
import { opensInteractionWindow } from '../channels/interaction-window';
import { getIncomers } from './get-incomers';
import { getTrigger } from './get-trigger';
import { issue, warning, type ValidationIssue } from './issue';
import { messageRules } from './message.rules';

/** "one message" or "at most N messages". */
const upTo = (max: number) => (max === 1 ? 'one message' : `at most ${max} messages`);
/** An id in words ("select_all" → "select all"). */
const words = (id: string) => id.replace('_', ' ');

interface Context {
  graph: JourneyGraph;
  mode?: JourneyMode;
  triggerAudience?: Audience;
}

/** Channel rules on every send node, read from the capability registry. */
export function sendRules(graph: JourneyGraph): ValidationIssue[] {
  const trigger = getTrigger(graph);
  const ctx: Context = {
    graph,
    ...(trigger ? { mode: journeyModeOf(trigger.kind) } : {}),
    ...(trigger && 'audience' in trigger.data ? { triggerAudience: trigger.data.audience } : {}),
  };
  return graph.nodes.flatMap((node) => (node.kind === 'send' ? rulesFor(ctx, node) : []));
}

/** Whether every step leading into a node is an interaction trigger (follow, message event). */
function rightAfterInteraction(graph: JourneyGraph, nodeId: string): boolean {
  const incomers = getIncomers(graph.edges, nodeId);
  return (
    incomers.length > 0 &&
    incomers.every((id) => {
      const prev = graph.nodes.find((n) => n.id === id);
      return prev?.kind === 'follow' || (prev?.kind === 'event' && opensInteractionWindow(prev.data.eventName));
    })
  );
}

function rulesFor(ctx: Context, node: NodeOf<'send'>): ValidationIssue[] {
  const at = { nodeId: node.id };
  const data = node.data;
  const capability = capabilityOf(data.method);
  const out: ValidationIssue[] = [];

  if (!capability.channels.includes(data.channel)) {
    out.push(
      issue(
        'HERALD_ERR_METHOD_CHANNEL_MISMATCH',
        `${capability.label} is not offered by this kind of account (${data.channel}).`,
        at,
      ),
    );
  }
  if (data.channelAccountId === '')
    out.push(issue('HERALD_ERR_MISSING_SETTING', 'Choose the channel account to send from.', at));
  if (!capability.types.includes(data.type)) {
    out.push(
      issue(
        'HERALD_ERR_METHOD_TYPE_UNSUPPORTED',
        `${capability.label} cannot be sent to ${data.type === 'group_chats' ? 'group chats' : 'contacts'}.`,
        at,
      ),
    );
  }
  if (ctx.mode === 'realtime' && !capability.realtime) {
    out.push(
      issue(
        'HERALD_ERR_METHOD_NOT_REALTIME',
        capability.realtimeRefusal ?? `${capability.label} cannot be sent from a real-time journey.`,
        at,
      ),
    );
  }

  if (data.messages.length === 0) out.push(issue('HERALD_ERR_NO_MESSAGES', 'Add a message to send.', at));
  if (data.messages.length > capability.maxMessages) {
    out.push(
      issue(
        'HERALD_ERR_TOO_MANY_MESSAGES',
        `${capability.label} delivers ${upTo(capability.maxMessages)} per send; this one has ${data.messages.length}.`,
        at,
      ),
    );
  }
  const texts = data.messages.filter((m) => m.type === 'text').length;
  if (capability.maxTextMessages !== undefined && texts > capability.maxTextMessages) {
    out.push(
      issue(
        'HERALD_ERR_TOO_MANY_MESSAGES',
        `${capability.label} carries one text plus attachments; merge the ${texts} texts into one.`,
        at,
      ),
    );
  }
  out.push(...messageRules(data.messages, capability, at));
  if (capability.needsGroupName && (data.groupName ?? '').trim() === '') {
    out.push(
      issue(
        'HERALD_ERR_GROUP_NAME_REQUIRED',
        'Give the group message a name: employees see it when they confirm the send.',
        at,
      ),
    );
  }

  const accepted = audienceKindsFor(capability, data.type);
  const target = data.type === 'group_chats' ? 'group chats' : 'contacts';
  for (const audience of [data.audience, ctx.mode === 'batch' ? ctx.triggerAudience : undefined]) {
    if (audience && !accepted.includes(audience.kind)) {
      out.push(
        issue(
          'HERALD_ERR_AUDIENCE_UNSUPPORTED',
          `${capability.label} to ${target} cannot reach an audience chosen by ${words(audience.kind)}; ` +
            `pick ${accepted.map(words).join(', ')}.`,
          at,
        ),
      );
    }
    if (audience?.kind === 'tags' && capability.singleTag) {
      const tags = new Set(audience.tagIds).size;
      const problem =
        tags !== 1
          ? `names ${tags} tags: choose one`
          : audience.excludeTagIds.length > 0
            ? 'leaves out other tags: the platform cannot exclude any'
            : null;
      if (problem)
        out.push(
          issue(
            'HERALD_ERR_AUDIENCE_ONE_TAG',
            `${capability.label} goes to all fans or to one tag; this audience ${problem}.`,
            at,
          ),
        );
    }
  }

  if (capability.interactionWindowHours !== undefined && !data.fallback) {
    const hours = capability.interactionWindowHours;
    // A real-time journey must place it right after an interaction; a batch send reaches the fans
    // inside their window and records the rest as skipped (window_closed), so it only warns.
    if (ctx.mode === 'batch') {
      out.push(
        warning(
          'HERALD_ERR_CS_NEEDS_INTERACTION',
          `Only fans who interacted in the last ${hours} hours will get this customer-service message; the others ` +
            'are recorded as skipped. Add a fallback (e.g. a template message) to reach them.',
          at,
        ),
      );
    } else if (!rightAfterInteraction(ctx.graph, node.id)) {
      out.push(
        issue(
          'HERALD_ERR_CS_NEEDS_INTERACTION',
          `A customer-service message only reaches fans who interacted in the last ${hours} hours: put it right ` +
            'after a follow or message trigger, or add a fallback (e.g. a template message).',
          at,
        ),
      );
    }
  }
  if (data.fallback) out.push(...fallbackRules(ctx, node, at));
  return out;
}

function fallbackRules(ctx: Context, node: NodeOf<'send'>, at: { nodeId: string }): ValidationIssue[] {
  const fallback = node.data.fallback!;
  const capability = capabilityOf(fallback.method);
  const out: ValidationIssue[] = [];
  const bad = (why: string) => out.push(issue('HERALD_ERR_FALLBACK_INVALID', `The fallback ${why}`, at));
  if (capabilityOf(node.data.method).interactionWindowHours === undefined) {
    out.push(
      warning(
        'HERALD_ERR_FALLBACK_INVALID',
        'Only customer-service messages use a fallback; this one will never be sent.',
        at,
      ),
    );
  }
  if (capability.interactionWindowHours !== undefined)
    bad('must reach fans outside the service window: use a template message, not another customer-service message.');
  if (!capability.channels.includes(node.data.channel))
    bad(`uses ${capability.label}, which this account (${node.data.channel}) does not offer.`);
  if (ctx.mode === 'realtime' && !capability.realtime)
    bad(`uses ${capability.label}, which a real-time journey cannot send.`);
  if (fallback.messages.length === 0) bad('has no message; add one.');
  if (fallback.messages.length > capability.maxMessages) {
    out.push(
      issue(
        'HERALD_ERR_TOO_MANY_MESSAGES',
        `The fallback (${capability.label}) delivers ${upTo(capability.maxMessages)}; ` +
          `it has ${fallback.messages.length}.`,
        at,
      ),
    );
  }
  out.push(...messageRules(fallback.messages, capability, at, 'Fallback '));
  return out;
}
