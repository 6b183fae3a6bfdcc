import type { Message } from '../model/message.schema';
import { CodedError } from '../errors/coded-error';
import { hasLiquid, liquid, parseCached } from './liquid-engine';
import { templateScope, type TemplateContact } from './template-context';
import { checkTemplate } from './check-template';

/**
 * A text rendered for a contact (absent: a contact with nothing known, so defaults apply). A text
 * without Liquid is returned as it is. Throws HERALD_ERR_TEMPLATE_RENDER when the text does not parse
 * or breaks a limit while rendering (publishing refuses the first; the second is the contact's data).
 */
export function renderTemplate(text: string, contact?: TemplateContact | null): string {
  if (!hasLiquid(text)) return text;
  try {
    return liquid.renderSync(parseCached(text), templateScope(contact)) as string;
  } catch (error) {
    throw new CodedError(
      'HERALD_ERR_TEMPLATE_RENDER',
      `the message could not be personalised: ${String((error as Error).message ?? error)}`,
      { cause: error },
    );
  }
}

/** The messages as one contact receives them: every text and template field rendered. */
export function renderMessages(messages: readonly Message[], contact?: TemplateContact | null): Message[] {
  return messages.map((m) => {
    if (m.type === 'text') return { ...m, text: renderTemplate(m.text, contact) };
    if (m.type === 'template')
      return {
        ...m,
        data: Object.fromEntries(Object.entries(m.data).map(([k, v]) => [k, renderTemplate(v, contact)])),
      };
    return m;
  });
}

/** The texts of a message a recipient reads that may carry Liquid: a text, a template's fields. */
export const templatedTexts = (message: Message): string[] =>
  message.type === 'text' ? [message.text] : message.type === 'template' ? Object.values(message.data) : [];

/** Whether any message reads the contact, so each recipient may get a different text (one content per recipient). */
export const isPersonalised = (messages: readonly Message[]): boolean =>
  messages.some((m) => templatedTexts(m).some((t) => checkTemplate(t).personal));
