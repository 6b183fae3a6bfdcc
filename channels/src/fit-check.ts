import { capabilityOf, CodedError, templatedTexts, textLength, type Message, type MethodId } from '@herald/engine';
import { ChannelError } from './channel.errors';
import { isPersonalized, personalize, type Recipient, type RecipientResult } from './channel.types';

/**
 * The recipients whose messages, personalised for them, the method can take, and a refusal for each
 * of the others — before any provider call. A text longer than the channel's limit once rendered is
 * refused for that contact (recorded as skipped, `too_long`), never cut; a template that breaks a
 * limit while rendering fails for that contact. Messages that read no contact are rendered once.
 */
export function fitRecipients(
  recipients: readonly Recipient[],
  messages: readonly Message[],
  method: MethodId,
): { fit: Recipient[]; refused: RecipientResult[] } {
  const { max, unit } = capabilityOf(method).textLimit;
  const label = capabilityOf(method).label;
  const problem = (recipient: Recipient | undefined): ChannelError | null => {
    try {
      for (const message of messages) {
        for (const text of templatedTexts(message)) {
          const rendered = personalize(text, recipient);
          const length = message.type === 'text' ? textLength(rendered, unit) : 0;
          if (length > max)
            return new ChannelError(
              'HERALD_ERR_MESSAGE_TOO_LONG',
              `personalised for this contact the text is ${length.toLocaleString('en')} ${unit} long; ` +
                `${label} takes at most ${max.toLocaleString('en')} ${unit}`,
            );
        }
      }
      return null;
    } catch (error) {
      if (!(error instanceof CodedError)) throw error;
      return new ChannelError('HERALD_ERR_TEMPLATE_RENDER', error.message, { cause: error });
    }
  };
  if (!isPersonalized(messages)) {
    const shared = problem(undefined);
    return shared
      ? { fit: [], refused: recipients.map((r) => ({ key: r.key, ok: false as const, error: shared })) }
      : { fit: [...recipients], refused: [] };
  }
  const fit: Recipient[] = [];
  const refused: RecipientResult[] = [];
  for (const r of recipients) {
    const error = problem(r);
    if (error) refused.push({ key: r.key, ok: false, error });
    else fit.push(r);
  }
  return { fit, refused };
}
