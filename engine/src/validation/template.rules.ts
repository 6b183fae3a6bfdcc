import type { Message } from '../model/message.schema';
import { textLength } from '../model/message.schema';
import type { MethodCapability } from '../channels/registry';
import { checkTemplate } from '../templates/check-template';
import { hasLiquid } from '../templates/liquid-engine';
import { renderTemplate, templatedTexts } from '../templates/render-template';
import { issue, warning, type ValidationIssue } from './issue';

const count = (n: number) => n.toLocaleString('en');

/**
 * Liquid in one message (`which` names it, "Message 2"): syntax, variables a contact does not have,
 * and its length where publishing can know it — exactly when every contact gets the same text (no
 * Liquid, or a method that sends one content to all: rendered for a contact with nothing known), else
 * the text outside any tag, which every contact gets (each contact's text is checked when sent).
 */
export function templateRules(
  message: Message,
  which: string,
  capability: MethodCapability,
  at: { nodeId: string },
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const checks = templatedTexts(message).map((text) => ({ text, check: checkTemplate(text) }));
  for (const { check } of checks) {
    if (check.invalid)
      out.push(issue('HERALD_ERR_TEMPLATE_INVALID', `${which} has a personalisation mistake: ${check.invalid}.`, at));
  }
  const unknown = [...new Set(checks.flatMap(({ check }) => check.unknown))];
  if (unknown.length > 0)
    out.push(
      issue(
        'HERALD_ERR_UNKNOWN_FIELD',
        `${which} uses ${unknown.map((u) => `{{${u}}}`).join(', ')}, which a contact does not have; ` +
          'use a contact field such as {{contact.name}} or {{contact.attributes.city}}.',
        at,
      ),
    );
  const personal = checks.some(({ check }) => check.personal);
  if (!capability.personalisation && personal)
    out.push(
      warning(
        'HERALD_ERR_PERSONALISATION_UNSUPPORTED',
        `${capability.label} sends the same content to everyone, so the contact fields in ${which.toLowerCase()} ` +
          'are left empty (or take their default).',
        at,
      ),
    );
  if (message.type === 'text' && out.every((i) => i.severity !== 'error')) {
    const { max, unit } = capability.textLimit;
    const exact = !hasLiquid(message.text) || !capability.personalisation || !personal;
    const length = textLength(exact ? safeRender(message.text) : checks[0]!.check.fixedText, unit);
    if (length > max)
      out.push(
        issue(
          'HERALD_ERR_MESSAGE_TOO_LONG',
          `${which} is ${exact ? '' : 'at least '}${count(length)} ${unit} long` +
            `${exact ? '' : ' before any contact field'}; ` +
            `${capability.label} takes at most ${count(max)} ${unit}` +
            `${unit === 'bytes' ? ' (a Chinese character is 3)' : ''}: shorten it.`,
          at,
        ),
      );
  }
  return out;
}

/** The text as everyone gets it (a render that breaks a limit: the template as written, which is then too long). */
function safeRender(text: string): string {
  try {
    return renderTemplate(text);
  } catch {
    return text;
  }
}
