import type { Message } from '@herald/engine';
import { ChannelError, fromErrcode } from './channel.errors';
import { mediaBody, newsBody, type MediaFile } from './token-client';
import { personalize, type Recipient, type RecipientResult } from './channel.types';

// How Herald's messages and recipients become WeCom's bodies, and WeCom's answers Herald's results.

/** A contact no employee owns: WeCom has nobody to send through. */
export const noOwner = () =>
  new ChannelError('HERALD_ERR_CHANNEL_INVALID_RECIPIENT', 'the contact has no owning employee to send it through');

/**
 * The line that tells the employee whom to send an agent message to, with Herald's reference of the
 * request (its delivery row): the employee's answer names it, so Herald matches the answer whatever
 * message id WeCom gave (a resent request that the duplicate check drops comes back under a new id,
 * while the employee acts on the first). The sandbox reads the line back.
 */
export const requestLine = (r: Recipient): string =>
  `For ${r.contact?.name || 'your customer'} (${r.address}) [${r.key}]:`;

/**
 * The messages of an agent request to the employee: the attachments, then the request — the request
 * line before the first text (a text of its own when the two would pass WeCom's 2,048 bytes, or when
 * there is no text first).
 */
export function withRequestLine(messages: readonly Message[], r: Recipient): Message[] {
  const line = requestLine(r);
  const [first, ...rest] = messages;
  if (first?.type === 'text') {
    const joined = `${line}\n${personalize(first.text, r)}`;
    // The request goes last: the employee's app shows its attachments before it, and the request takes them.
    if (Buffer.byteLength(joined) <= 2048) return [...rest, { ...first, text: joined }];
  }
  return [...messages, { type: 'text', text: line }];
}

/** Bytes a first text keeps free to be sure the request line (name and external id) joins it. */
const requestLineRoom = 512;

/**
 * At most how many app messages one contact's agent request takes (what WeCom's per-member rates
 * count): each message, plus the request line's own text unless it surely joins a first text.
 */
export function appMessagesPerRequest(messages: readonly Message[]): number {
  const [first] = messages;
  const joins = first?.type === 'text' && Buffer.byteLength(first.text) <= 2048 - requestLineRoom;
  return messages.length + (joins ? 0 : 1);
}

/** A file for WeCom's temporary media (valid 3 days); `type` is the platform's media type. */
export interface WecomMediaUpload extends MediaFile {
  type: 'image' | 'voice' | 'video' | 'file';
}

/** What WeCom's calls answer (the fields Herald reads). */
export type WecomAnswer = {
  errcode?: number;
  errmsg?: string;
  msgid?: string;
  invaliduser?: string;
  fail_list?: string[];
  next_cursor?: string;
  send_list?: Array<{ external_userid?: string; chat_id?: string; userid?: string; status: number }>;
};

/** The WeCom body of one message (msgtype + payload); the platform takes no mini program this way. */
export function agentBody(message: Message, recipient?: Recipient): Record<string, unknown> {
  switch (message.type) {
    case 'text':
      return { msgtype: 'text', text: { content: personalize(message.text, recipient) } };
    case 'image':
    case 'voice':
    case 'file':
    case 'video':
      return mediaBody(message.type, message);
    case 'news':
      return newsBody(message);
    default:
      throw new ChannelError(
        'HERALD_ERR_CHANNEL_CONTENT_REJECTED',
        `a WeCom agent message cannot be a ${message.type}`,
      );
  }
}

/** A call WeCom refused: retryable and credential failures throw (the activity retries); others fail each recipient. */
export function refusedCall(
  recipients: readonly Recipient[],
  answer: { errcode?: number; errmsg?: string },
): RecipientResult[] {
  const error = fromErrcode(answer.errcode ?? -1, answer.errmsg ?? '');
  if (error.retryable || error.code === 'HERALD_ERR_CHANNEL_AUTH') throw error;
  return recipients.map((r) => ({ key: r.key, ok: false as const, error }));
}

/** The results of an accepted call: the recipients WeCom named as refused fail as invalid recipients. */
export function acceptedCall(
  recipients: readonly Recipient[],
  refused: ReadonlySet<string>,
  messageId: string,
  why: (address: string) => string,
): RecipientResult[] {
  return recipients.map((r) =>
    refused.has(r.address)
      ? { key: r.key, ok: false, error: new ChannelError('HERALD_ERR_CHANNEL_INVALID_RECIPIENT', why(r.address)) }
      : { key: r.key, ok: true, providerMessageId: messageId },
  );
}

/** `items` in slices of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
