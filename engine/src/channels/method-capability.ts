import type { AudienceKind } from '../model/audience.schema';
import type { MessageType } from '../model/message.schema';
import type { SendType } from '../model/node.schema';
import type { ChannelKind, MethodId } from './channel-kinds';
import type { QuotaPolicy } from './quota-policy';

/** What one channel method can do and which rules bind it. Validation, quotas and the editor read this. */
export interface MethodCapability {
  id: MethodId;
  label: string;
  /** Account kinds that offer the method. */
  channels: readonly ChannelKind[];
  /** Send types offered: to contacts one by one, or to group chats through their owners. */
  types: readonly SendType[];
  realtime: boolean;
  batch: boolean;
  /** Why it is refused in a real-time journey, said to a marketer (with the alternative). */
  realtimeRefusal?: string;
  /** Every audience kind the method accepts (any send type). */
  audienceKinds: readonly AudienceKind[];
  /** Narrower audience kinds for one send type (WeCom: group chats take only a group-chat audience). */
  audienceKindsByType?: Partial<Record<SendType, readonly AudienceKind[]>>;
  messageTypes: readonly MessageType[];
  /** Only text can be sent (chat-platform broadcasts). */
  textOnly: boolean;
  /** How many messages one send may compose (delivered as one where the platform bundles them). */
  maxMessages: number;
  /** How many of those may be text (WeCom group messages: one text plus attachments). */
  maxTextMessages?: number;
  /** The longest text the platform takes: longer text is refused at validation, never cut. */
  textLimit: TextLimit;
  /** Each recipient can get their own text ({{contact.name}}); false where one content goes to all. */
  personalisation: boolean;
  needsGroupName: boolean;
  /**
   * WeCom reaches a customer only through an employee who owns them (has them as an external
   * contact): a send to contacts goes as the owners' tasks or app messages, and a contact no
   * employee owns is skipped (`no_owner`).
   */
  throughOwner?: boolean;
  /** The audience is all fans or exactly one tag (WeChat subscription accounts' mass send). */
  singleTag?: boolean;
  /** The recipient must have interacted within this many hours (WeChat customer service). */
  interactionWindowHours?: number;
  /** Recipients per provider call (batch APIs); 1 for one-by-one sends. */
  batchSize: number;
  /** The provider deduplicates a retried call by a key Herald passes. */
  providerDedup: boolean;
  policies: readonly QuotaPolicy[];
}

/** The audience kinds that pick contacts (every method to contacts takes them). */
export const contactAudiences: readonly AudienceKind[] = [
  'all',
  'tags',
  'accounts',
  'contacts',
  'select_all',
  'segment',
];
/** Every message type a channel with media takes. */
export const mediaTypes: readonly MessageType[] = ['text', 'image', 'voice', 'video', 'file', 'news', 'miniprogram'];

/** A text length limit as the platform counts it (WeCom counts UTF-8 bytes, most others characters). */
export interface TextLimit {
  max: number;
  unit: 'characters' | 'bytes';
}
