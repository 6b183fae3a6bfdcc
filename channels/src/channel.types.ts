import type { ChannelKind, Message, MethodId } from '@herald/engine';
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
  ownerEmployee?: string | null;
  name?: string;
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
  subject?: string;
}

export type RecipientResult =
  { key: string; ok: true; providerMessageId: string } | { key: string; ok: false; error: ChannelError };

/** Replaces {{contact.name}}-style fields; unknown fields become empty. */
export function personalize(text: string, recipient: Recipient): string {
  return text.replace(/\{\{\s*contact\.(\w+)\s*\}\}/g, (_m, field: string) =>
    field === 'name' ? (recipient.name ?? '') : '',
  );
}

/** Whether any text carries personalisation fields (then batch APIs cannot be used). */
export const isPersonalized = (messages: readonly Message[]): boolean =>
  messages.some((m) => m.type === 'text' && /\{\{/.test(m.text));
