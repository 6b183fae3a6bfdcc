import type { Message } from '../model/message.schema';
import { attachmentOf, isEmptyMessage, textLength } from '../model/message.schema';
import { allowedAttachmentExtensions, extensionOf, isAllowedAttachment } from '../model/common.schema';
import { placeholdersOf, unknownPlaceholders } from '../model/personalisation';
import type { MethodCapability } from '../channels/registry';
import { issue, warning, type ValidationIssue } from './issue';

/** The texts of a message a recipient reads and that may carry personalisation fields. */
const textsOf = (message: Message): string[] =>
  message.type === 'text' ? [message.text] : message.type === 'template' ? Object.values(message.data) : [];

/**
 * Rules on the messages of one send (or of its fallback) for the method that sends them:
 * types the method takes, emptiness, attachment types, template fields, personalisation.
 */
export function messageRules(
  messages: readonly Message[],
  capability: MethodCapability,
  at: { nodeId: string },
  prefix = '',
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  messages.forEach((message, i) => {
    const which = prefix
      ? `${prefix}${messages.length > 1 ? `message ${i + 1}` : 'message'}`
      : messages.length > 1
        ? `Message ${i + 1}`
        : 'The message';
    if (!capability.messageTypes.includes(message.type)) {
      out.push(
        issue(
          'HERALD_ERR_MESSAGE_TYPE_UNSUPPORTED',
          `${which} is ${message.type === 'text' ? 'text' : `a ${message.type}`}, ` +
            `which ${capability.label} cannot send${capability.textOnly ? ' (text only)' : ''}.`,
          at,
        ),
      );
    }
    if (message.type === 'text') {
      const { max, unit } = capability.textLimit;
      const length = textLength(message.text, unit);
      if (length > max)
        out.push(
          issue(
            'HERALD_ERR_MESSAGE_TOO_LONG',
            `${which} is ${length.toLocaleString('en')} ${unit} long; ${capability.label} takes at most ${max.toLocaleString('en')} ${unit}${unit === 'bytes' ? ' (a Chinese character is 3)' : ''}: shorten it.`,
            at,
          ),
        );
    }
    if (isEmptyMessage(message))
      out.push(issue('HERALD_ERR_EMPTY_MESSAGE', `${which} is empty; write something to send.`, at));
    const attachment = attachmentOf(message);
    if (attachment && !isAllowedAttachment(attachment.filename)) {
      out.push(
        issue(
          'HERALD_ERR_ATTACHMENT_TYPE',
          `${which}'s attachment "${attachment.filename}" is a .${extensionOf(attachment.filename) || '(none)'} ` +
            `file; allowed: ${allowedAttachmentExtensions.join(', ')}.`,
          at,
        ),
      );
    }
    if (message.type === 'template') {
      const missing = message.fields.filter((f) => (message.data[f] ?? '').trim() === '');
      if (message.templateId.trim() === '' || missing.length > 0) {
        out.push(
          issue(
            'HERALD_ERR_TEMPLATE_INCOMPLETE',
            message.templateId.trim() === ''
              ? `${which}: pick a template.`
              : `Fill in every field of the template: ${missing.join(', ')} ` +
                  `${missing.length === 1 ? 'is' : 'are'} empty.`,
            at,
          ),
        );
      }
    }
    const texts = textsOf(message);
    const unknown = texts.flatMap(unknownPlaceholders);
    if (unknown.length > 0) {
      out.push(
        issue(
          'HERALD_ERR_UNKNOWN_FIELD',
          `${which} uses ${unknown.join(', ')}, which Herald cannot fill in; ` +
            'use a contact field such as {{contact.name}}.',
          at,
        ),
      );
    }
    if (!capability.personalisation && texts.some((t) => placeholdersOf(t).length > 0)) {
      out.push(
        warning(
          'HERALD_ERR_PERSONALISATION_UNSUPPORTED',
          `${capability.label} sends the same content to everyone, so the personalisation fields in ` +
            `${which.toLowerCase()} will be left out.`,
          at,
        ),
      );
    }
  });
  return out;
}
