import { ensureDialogContacts } from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError } from '../errors/herald-error';
import type { BroadcastInput } from '../contracts/index';

/** A chat number as the chat platforms take it: letters, digits, +, _ and -, at most 64. */
const chatNumber = /^[0-9A-Za-z+_-]{1,64}$/;

/** Chat numbers, trimmed and each once: what was typed (one a line, or separated by commas). */
export const normalizeChatNumbers = (numbers: readonly string[]): string[] => [
  ...new Set(numbers.map((n) => n.trim()).filter(Boolean)),
];

/** Refuses (422) numbers a chat platform cannot take, naming them. */
export function checkChatNumbers(numbers: readonly string[]): void {
  const bad = normalizeChatNumbers(numbers).filter((n) => !chatNumber.test(n));
  if (bad.length > 0)
    throw HeraldError.of(
      'HERALD_ERR_BROADCAST_CHAT_NUMBERS',
      {
        problem:
          `These are not chat numbers: ${bad.slice(0, 5).join(', ')}` +
          `${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}. ` +
          'A chat number has letters, digits, +, _ or - (at most 64).',
      },
      { numbers: bad },
    );
}

/**
 * Makes the audience's recipients exist before the send: a broadcast to chat numbers goes to every
 * number given, so a number no contact holds on the account becomes a dialog contact there.
 */
export async function ensureRecipients(deps: AppDeps, workspaceId: string, input: BroadcastInput): Promise<void> {
  if (input.audience.kind !== 'chat_numbers') return;
  await ensureDialogContacts(deps.db, {
    workspaceId,
    channelAccountId: input.channelAccountId,
    numbers: normalizeChatNumbers(input.audience.numbers),
  });
}

/** A broadcast's input with its chat numbers trimmed and each once. */
export function normalizeBroadcast<T extends Pick<BroadcastInput, 'audience'>>(input: T): T {
  return input.audience.kind === 'chat_numbers'
    ? { ...input, audience: { ...input.audience, numbers: normalizeChatNumbers(input.audience.numbers) } }
    : input;
}
