import type { Message } from '../model/message.schema';
import { attachmentOf, isEmptyMessage } from '../model/message.schema';
import { allowedAttachmentExtensions, extensionOf, isAllowedAttachment } from '../model/common.schema';
import type { MethodCapability } from '../channels/registry';
import { issue, type ValidationIssue } from './issue';
import { templateRules } from './template.rules';

/**
 * Rules on the messages of one send (or of its fallback) for the method that sends them:
 * types the method takes, emptiness, attachment types, template fields, Liquid and length.
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
    out.push(...templateRules(message, which, capability, at));
  });
  return out;
}
