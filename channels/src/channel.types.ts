import {
  isPersonalised,
  renderTemplate,
  type ChannelKind,
  type Message,
  type MethodId,
  type TemplateContact,
} from '@herald/engine';
import type { ChannelError } from './channel.errors';

/** A channel account as adapters see it: decrypted credentials, public settings, base URL. */
export interface AccountConfig {
  id: string;
  kind: ChannelKind;
  baseUrl: string;
  settings: Record<string, unknown>;
  credentials: Record<string, string>;
}

/** One recipient of a send: `key` ties the result back to its delivery row. */
export interface Recipient {
  key: string;
  address: string;
  /** The WeCom user ids of the employees who own the contact, first assigned first (WeCom sends through them). */
  owners?: readonly string[];
  /** What the message's Liquid reads of the contact (absent: a contact with nothing known, so defaults apply). */
  contact?: TemplateContact;
}

/** One employee's part of a send through owners (WeCom): their task or app message, accepted or refused. */
export interface EmployeeTask {
  /** The employee's WeCom user id. */
  owner: string;
  /** The platform's id of the task or app message (null: the call was refused). */
  messageId: string | null;
  /** Why this recipient was refused (by the call, or within an accepted task). */
  errorCode?: string;
}

export interface SendRequest {
  method: MethodId;
  account: AccountConfig;
  recipients: Recipient[];
  messages: Message[];
  groupName?: string;
  type?: 'contacts' | 'group_chats';
  /** Stable per (run, node, page): providers with a dedup field get it, so a retry is not resent. */
  dedupKey: string;
  /** A WeCom agent message that only tells the owning employee something (a reminder): it asks them to send nothing. */
  notice?: boolean;
  subject?: string;
}

/** What became of one recipient; `tasks`: what each employee was asked to send them (WeCom). */
export type RecipientResult = (
  { key: string; ok: true; providerMessageId: string } | { key: string; ok: false; error: ChannelError }
) & { tasks?: EmployeeTask[] };

const rendered = new WeakMap<Recipient, Map<string, string>>();

/**
 * A text as one recipient reads it: its Liquid rendered with the recipient's contact (without a
 * recipient — a send that is the same for everyone — with a contact with nothing known). Each text is
 * rendered once per recipient: the send path renders it first to check its length.
 */
export function personalize(text: string, recipient?: Recipient): string {
  if (!recipient) return renderTemplate(text);
  const texts = rendered.get(recipient) ?? rendered.set(recipient, new Map()).get(recipient)!;
  const hit = texts.get(text);
  if (hit !== undefined) return hit;
  const out = renderTemplate(text, recipient.contact);
  texts.set(text, out);
  return out;
}

/**
 * Whether any text reads the contact, so recipients may each read a different text (then batch APIs cannot be used).
 */
export const isPersonalized = (messages: readonly Message[]): boolean => isPersonalised(messages);
