import type { AudienceKind } from '../model/audience.schema';
import type { MessageType } from '../model/message.schema';
import type { SendType } from '../model/node.schema';
import type { JourneyMode } from '../model/node-kinds';
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
  /** Each recipient can get their own text ({{contact.name}}); false where one content goes to all. */
  personalisation: boolean;
  needsGroupName: boolean;
  /** The recipient must have interacted within this many hours (WeChat customer service). */
  interactionWindowHours?: number;
  /** Recipients per provider call (batch APIs); 1 for one-by-one sends. */
  batchSize: number;
  /** The provider deduplicates a retried call by a key Herald passes. */
  providerDedup: boolean;
  policies: readonly QuotaPolicy[];
}

const contactAudiences: readonly AudienceKind[] = ['all', 'tags', 'accounts', 'contacts', 'select_all'];
const mediaTypes: readonly MessageType[] = ['text', 'image', 'voice', 'video', 'file', 'news', 'miniprogram'];

const wecomGroupPerContact: QuotaPolicy = {
  key: 'wecom_group_per_contact',
  kind: 'quota',
  per: 'recipient',
  unit: 'message',
  limit: 1,
  window: 'day',
  skipReason: 'quota_day',
  description: 'A contact receives at most 1 group message a day from the same company.',
};

const customerServiceWindow: QuotaPolicy = {
  key: 'wechat_cs_window',
  kind: 'window',
  per: 'recipient',
  unit: 'message',
  limit: 48,
  window: 'hour',
  skipReason: 'window_closed',
  description:
    'Customer-service messages reach a fan only within 48 hours of their last interaction (errcode 45015 outside it).',
};

/** One entry per channel method (rules from the platforms' documentation, DESIGN.md). */
export const methodRegistry: Readonly<Record<MethodId, MethodCapability>> = {
  wecom_group_msg: {
    id: 'wecom_group_msg',
    label: 'WeCom group message (enterprise broadcast)',
    channels: ['wecom'],
    types: ['contacts', 'group_chats'],
    realtime: false,
    batch: true,
    realtimeRefusal:
      'A real-time journey cannot send WeCom group messages (enterprise broadcasts): employees must confirm them ' +
      'and each contact gets at most one a day. Use a WeCom agent message instead.',
    audienceKinds: [...contactAudiences, 'group_chats'],
    audienceKindsByType: { contacts: contactAudiences, group_chats: ['group_chats'] },
    messageTypes: ['text', 'image', 'video', 'file', 'news', 'miniprogram'],
    textOnly: false,
    // One task per employee: a text plus up to 9 attachments, which the contact receives as one message.
    maxMessages: 10,
    maxTextMessages: 1,
    personalisation: false,
    needsGroupName: true,
    batchSize: 10_000,
    providerDedup: false,
    policies: [wecomGroupPerContact],
  },
  wecom_agent: {
    id: 'wecom_agent',
    label: 'WeCom agent message (notifications app)',
    channels: ['wecom'],
    types: ['contacts'],
    realtime: true,
    batch: true,
    audienceKinds: contactAudiences,
    messageTypes: mediaTypes,
    textOnly: false,
    maxMessages: 5,
    personalisation: true,
    needsGroupName: false,
    batchSize: 1000,
    providerDedup: true,
    policies: [
      {
        key: 'wecom_agent_member_minute',
        kind: 'rate',
        per: 'recipient',
        unit: 'message',
        limit: 30,
        window: 'minute',
        skipReason: 'frequency_cap',
        description: 'WeCom drops app messages beyond 30 a minute per member.',
      },
      {
        key: 'wecom_agent_member_hour',
        kind: 'rate',
        per: 'recipient',
        unit: 'message',
        limit: 1000,
        window: 'hour',
        skipReason: 'frequency_cap',
        description: 'WeCom drops app messages beyond 1,000 an hour per member.',
      },
    ],
  },
  wechat_mass: {
    id: 'wechat_mass',
    label: 'WeChat mass message (service account)',
    channels: ['wechat_service'],
    types: ['contacts'],
    realtime: false,
    batch: true,
    realtimeRefusal:
      'WeChat mass messages can only be sent by a batch journey (a schedule or a fixed audience); ' +
      'use a customer-service or template message in a real-time journey.',
    audienceKinds: contactAudiences,
    messageTypes: ['text', 'image', 'voice', 'video', 'news'],
    textOnly: false,
    maxMessages: 1,
    personalisation: false,
    needsGroupName: false,
    batchSize: 10_000,
    providerDedup: true,
    policies: [
      {
        key: 'wechat_mass_per_fan',
        kind: 'quota',
        per: 'recipient',
        unit: 'message',
        limit: 4,
        window: 'month',
        skipReason: 'quota_month',
        description: 'A fan receives at most 4 mass messages a month.',
      },
      {
        key: 'wechat_mass_calls',
        kind: 'quota',
        per: 'account',
        unit: 'call',
        limit: 100,
        window: 'day',
        skipReason: 'quota_day',
        description: 'At most 100 mass-send calls a day.',
      },
      {
        key: 'wechat_mass_api_rate',
        kind: 'rate',
        per: 'account',
        unit: 'call',
        limit: 60,
        window: 'minute',
        skipReason: 'frequency_cap',
        description: 'The mass send API takes at most 60 calls a minute.',
      },
    ],
  },
  wechat_mass_subscription: {
    id: 'wechat_mass_subscription',
    label: 'WeChat mass message (subscription account)',
    channels: ['wechat_subscription'],
    types: ['contacts'],
    realtime: false,
    batch: true,
    realtimeRefusal: 'WeChat mass messages can only be sent by a batch journey (a schedule or a fixed audience).',
    audienceKinds: ['all', 'tags'],
    messageTypes: ['text', 'image', 'voice', 'video', 'news'],
    textOnly: false,
    maxMessages: 1,
    personalisation: false,
    needsGroupName: false,
    batchSize: 10_000,
    providerDedup: true,
    policies: [
      {
        key: 'wechat_subscription_daily',
        kind: 'quota',
        per: 'account',
        unit: 'call',
        limit: 1,
        window: 'day',
        skipReason: 'quota_day',
        description: 'A subscription account makes 1 mass send a day.',
      },
    ],
  },
  wechat_customer_service: {
    id: 'wechat_customer_service',
    label: 'WeChat customer-service message',
    channels: ['wechat_service', 'wechat_subscription'],
    types: ['contacts'],
    realtime: true,
    batch: true,
    audienceKinds: contactAudiences,
    messageTypes: ['text', 'image', 'voice', 'video', 'news', 'miniprogram'],
    textOnly: false,
    // One API call per message; the platform allows 3 within a minute of a follow/scan/click and 5 per fan message.
    maxMessages: 3,
    personalisation: true,
    needsGroupName: false,
    interactionWindowHours: customerServiceWindow.limit,
    batchSize: 1,
    providerDedup: false,
    policies: [
      customerServiceWindow,
      {
        key: 'wechat_cs_after_event_minute',
        kind: 'rate',
        per: 'recipient',
        unit: 'message',
        limit: 3,
        window: 'minute',
        skipReason: 'frequency_cap',
        description: 'At most 3 customer-service messages to a fan within a minute of a follow, scan or menu click.',
      },
    ],
  },
  wechat_template: {
    id: 'wechat_template',
    label: 'WeChat template message',
    channels: ['wechat_service'],
    types: ['contacts'],
    realtime: true,
    batch: true,
    audienceKinds: contactAudiences,
    messageTypes: ['template'],
    textOnly: false,
    maxMessages: 1,
    personalisation: true,
    needsGroupName: false,
    batchSize: 1,
    providerDedup: false,
    policies: [
      {
        key: 'wechat_template_daily',
        kind: 'quota',
        per: 'account',
        unit: 'message',
        limit: 100_000,
        window: 'day',
        skipReason: 'quota_day',
        description: '100,000 template messages a day per account.',
      },
    ],
  },
  chat_broadcast: {
    id: 'chat_broadcast',
    label: 'Chat broadcast by chat numbers',
    channels: ['chat_platform'],
    types: ['contacts'],
    realtime: true,
    batch: true,
    audienceKinds: ['chat_numbers', ...contactAudiences],
    messageTypes: ['text'],
    textOnly: true,
    maxMessages: 1,
    personalisation: true,
    needsGroupName: false,
    batchSize: 1000,
    providerDedup: true,
    policies: [],
  },
  email: {
    id: 'email',
    label: 'Email',
    channels: ['email'],
    types: ['contacts'],
    realtime: true,
    batch: true,
    audienceKinds: contactAudiences,
    messageTypes: ['text', 'file', 'image'],
    textOnly: false,
    maxMessages: 5,
    personalisation: true,
    needsGroupName: false,
    batchSize: 1,
    providerDedup: false,
    policies: [],
  },
  webhook_post: {
    id: 'webhook_post',
    label: 'Webhook (signed POST)',
    channels: ['webhook'],
    types: ['contacts'],
    realtime: true,
    batch: true,
    audienceKinds: contactAudiences,
    messageTypes: ['text'],
    textOnly: false,
    maxMessages: 1,
    personalisation: true,
    needsGroupName: false,
    batchSize: 1,
    providerDedup: true,
    policies: [],
  },
};

/** The capability entry of a method. */
export const capabilityOf = (method: MethodId): MethodCapability => methodRegistry[method];

/** Methods an account kind offers (in a journey of that mode, when given), for the composer's method picker. */
export const methodsForChannel = (channel: ChannelKind, mode?: JourneyMode): MethodCapability[] =>
  Object.values(methodRegistry).filter(
    (m) => m.channels.includes(channel) && (mode === undefined || (mode === 'realtime' ? m.realtime : m.batch)),
  );

/** The audience kinds a method accepts for one send type. */
export const audienceKindsFor = (capability: MethodCapability, type: SendType): readonly AudienceKind[] =>
  capability.audienceKindsByType?.[type] ?? capability.audienceKinds;

/**
 * Contacts per broadcast page for a method: at least 2,500 (each page is one activity, so fewer,
 * larger pages cost less per contact — measured in docs/BENCHMARKS.md), and never less than the
 * method's batch, so batch-limited APIs go out in full calls (WeChat mass: 10,000 openids a
 * call, 100 calls a day — pages of 1,000 would cap an account at 100,000 fans a day). Methods
 * that call the provider once per recipient (email, customer-service…) keep pages of 1,000: the
 * calls dominate there, and a page must finish well inside its 10-minute limit even on a slow
 * provider (a timed-out page is retried, and those channels have no provider-side dedup).
 */
export function broadcastPageSize(method: MethodId): number {
  const { batchSize } = capabilityOf(method);
  return batchSize === 1 ? 1000 : Math.max(2500, batchSize);
}
