import type { JourneyGraph } from '../model/journey.schema';
import type { NodeOf } from '../model/node.schema';
import type { Message } from '../model/message.schema';
import { attachmentOf, isEmptyMessage } from '../model/message.schema';
import { allowedAttachmentExtensions, extensionOf, isAllowedAttachment } from '../model/common.schema';
import { isRealtimeTriggerKind, isTrigger } from '../model/node-kinds';
import { capabilityOf } from '../channels/registry';
import { getIncomers } from './get-incomers';
import { issue, type ValidationIssue } from './issue';

/** Event names that count as a fan's interaction (they open WeChat's 48 h service window). */
export const interactionEventNames = ['message', 'click', 'scan', 'subscribe', 'payment', 'menu_click'] as const;

/** Channel rules on every send node, read from the capability registry. */
export function sendRules(graph: JourneyGraph): ValidationIssue[] {
  const trigger = graph.nodes.find(isTrigger);
  const realtime = trigger ? isRealtimeTriggerKind(trigger.kind) : false;
  return graph.nodes.flatMap((node) => (node.kind === 'send' ? rulesFor(graph, node, realtime) : []));
}

function messageRules(messages: readonly Message[], methodLabel: string, allowed: readonly string[], at: { nodeId: string }): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  messages.forEach((message, i) => {
    const which = messages.length > 1 ? `Message ${i + 1}` : 'The message';
    if (!allowed.includes(message.type)) {
      out.push(issue('HERALD_ERR_MESSAGE_TYPE_UNSUPPORTED',
        `${which} is ${message.type === 'text' ? 'text' : `a ${message.type}`}, which ${methodLabel} cannot send${allowed.length === 1 && allowed[0] === 'text' ? ' (text only)' : ''}.`, at));
    }
    if (isEmptyMessage(message)) out.push(issue('HERALD_ERR_EMPTY_MESSAGE', `${which} is empty; write something to send.`, at));
    const attachment = attachmentOf(message);
    if (attachment && !isAllowedAttachment(attachment.filename)) {
      out.push(issue('HERALD_ERR_ATTACHMENT_TYPE', `${which}'s attachment "${attachment.filename}" is a .${extensionOf(attachment.filename) || '(none)'} file; allowed: ${allowedAttachmentExtensions.join(', ')}.`, at));
    }
    if (message.type === 'template') {
      const missing = message.fields.filter((f) => (message.data[f] ?? '').trim() === '');
      if (message.templateId.trim() === '' || missing.length > 0) {
        out.push(issue('HERALD_ERR_TEMPLATE_INCOMPLETE', message.templateId.trim() === '' ? 'Pick a template.' : `Fill in every field of the template: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} empty.`, at));
      }
    }
  });
  return out;
}

function rulesFor(graph: JourneyGraph, node: NodeOf<'send'>, realtime: boolean): ValidationIssue[] {
  const at = { nodeId: node.id };
  const data = node.data;
  const capability = capabilityOf(data.method);
  const out: ValidationIssue[] = [];

  if (!capability.channels.includes(data.channel)) {
    out.push(issue('HERALD_ERR_METHOD_CHANNEL_MISMATCH', `${capability.label} is not offered by this kind of account (${data.channel}).`, at));
  }
  if (data.channelAccountId === '') out.push(issue('HERALD_ERR_MISSING_SETTING', 'Choose the channel account to send from.', at));
  if (!capability.types.includes(data.type)) {
    out.push(issue('HERALD_ERR_METHOD_TYPE_UNSUPPORTED', `${capability.label} cannot be sent to ${data.type === 'group_chats' ? 'group chats' : 'contacts'}.`, at));
  }
  if (realtime && !capability.realtime) {
    out.push(issue('HERALD_ERR_METHOD_NOT_REALTIME', capability.realtimeRefusal ?? `${capability.label} cannot be sent from a real-time journey.`, at));
  }
  if (data.messages.length === 0) out.push(issue('HERALD_ERR_NO_MESSAGES', 'Add a message to send.', at));
  if (data.messages.length > capability.maxMessages) {
    out.push(issue('HERALD_ERR_TOO_MANY_MESSAGES', `${capability.label} delivers ${capability.maxMessages === 1 ? 'one message' : `at most ${capability.maxMessages} messages`} per send; this one has ${data.messages.length}.`, at));
  }
  out.push(...messageRules(data.messages, capability.label, capability.messageTypes, at));
  if (capability.needsGroupName && (data.groupName ?? '').trim() === '') {
    out.push(issue('HERALD_ERR_GROUP_NAME_REQUIRED', 'Give the group message a name: employees see it when they confirm the send.', at));
  }
  if (data.audience && !capability.audienceKinds.includes(data.audience.kind)) {
    out.push(issue('HERALD_ERR_AUDIENCE_UNSUPPORTED', `${capability.label} cannot target an audience of kind "${data.audience.kind}".`, at));
  }
  // Batch sends of customer-service messages reach the fans inside their window and record the
  // rest as skipped (window_closed); a real-time journey must place them right after an interaction.
  if (capability.interactionWindowHours !== undefined && realtime && !data.fallback) {
    const afterInteraction = getIncomers(graph.edges, node.id).every((id) => {
      const prev = graph.nodes.find((n) => n.id === id);
      return prev?.kind === 'follow' || (prev?.kind === 'event' && (interactionEventNames as readonly string[]).includes(prev.data.eventName));
    });
    if (!afterInteraction || getIncomers(graph.edges, node.id).length === 0) {
      out.push(issue('HERALD_ERR_CS_NEEDS_INTERACTION', `A customer-service message only reaches fans who interacted in the last ${capability.interactionWindowHours} hours: put it right after a follow or message trigger, or add a fallback (e.g. a template message).`, at));
    }
  }
  if (data.fallback) out.push(...messageRules(data.fallback.messages, capabilityOf(data.fallback.method).label, capabilityOf(data.fallback.method).messageTypes, at));
  return out;
}
