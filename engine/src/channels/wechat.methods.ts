import type { MethodId } from './channel-kinds';
import type { QuotaPolicy } from './quota-policy';
import { contactAudiences, type MethodCapability } from './method-capability';

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

/**
 * What a mass send is on either kind of official account: one message, not personalised, up to
 * 10,000 openids a call, deduplicated by the platform (clientmsgid).
 */
const massSend = {
  messageTypes: ['text', 'image', 'voice', 'video', 'news'],
  textOnly: false,
  // The official accounts platform: a mass message's text is at most 600 characters.
  textLimit: { max: 600, unit: 'characters' },
  maxMessages: 1,
  personalisation: false,
  needsGroupName: false,
  batchSize: 10_000,
  providerDedup: true,
} satisfies Partial<MethodCapability>;

/** WeChat official accounts' methods (rules from WeChat's documentation, DESIGN.md "Channel rules"). */
export const wechatMethods = {
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
    ...massSend,
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
        description: 'The mass send API takes at most 60 calls a minute (Herald paces the calls).',
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
    // The platform's mass send of a subscription account goes to all fans or to one tag (sendall with
    // filter.tag_id, a single id): several tags, or tags with exclusions, cannot be sent.
    singleTag: true,
    ...massSend,
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
    // message/custom/send: text is cut past 2048 bytes in practice (the interface document names no limit).
    textLimit: { max: 2048, unit: 'bytes' },
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
        kind: 'after_event',
        per: 'recipient',
        unit: 'message',
        limit: 3,
        window: 'minute',
        skipReason: 'event_window_exceeded',
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
    // Template field values are short (20 characters for a `thing`); the whole message stays well under this.
    textLimit: { max: 600, unit: 'characters' },
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
} satisfies Partial<Record<MethodId, MethodCapability>>;
