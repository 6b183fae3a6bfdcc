import type { MethodId } from './channel-kinds';
import type { QuotaPolicy } from './quota-policy';
import { contactAudiences, mediaTypes, type MethodCapability } from './method-capability';

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

/** WeCom's methods (rules from WeCom's documentation, DESIGN.md "Channel rules"). */
export const wecomMethods = {
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
    // externalcontact/add_msg_template: text.content "at most 4000 bytes".
    textLimit: { max: 4000, unit: 'bytes' },
    maxMessages: 10,
    maxTextMessages: 1,
    personalisation: false,
    needsGroupName: true,
    throughOwner: true,
    batchSize: 10_000,
    providerDedup: false,
    policies: [wecomGroupPerContact],
  },
  // WeCom's agent message in the reference products: the notifications app (a self-built app) tells the
  // employee who owns the customer what to send, and the employee sends it to the customer (or declines,
  // or lets it expire). No monthly limit per customer. The only WeCom method a real-time journey may use.
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
    // message/send: text.content "at most 2048 bytes; longer is cut" (Herald refuses instead).
    textLimit: { max: 2048, unit: 'bytes' },
    maxMessages: 5,
    personalisation: true,
    needsGroupName: false,
    // An app message to the owning employee per contact, naming the contact; the employee sends it on.
    throughOwner: true,
    batchSize: 1,
    providerDedup: true,
    policies: [
      {
        key: 'wecom_agent_member_minute',
        kind: 'rate',
        // The member is the employee the app message goes to (the contact's first owner), not the contact.
        per: 'member',
        unit: 'message',
        limit: 30,
        window: 'minute',
        description: 'WeCom drops app messages beyond 30 a minute per member (Herald paces them).',
      },
      {
        key: 'wecom_agent_member_hour',
        kind: 'rate',
        per: 'member',
        unit: 'message',
        limit: 1000,
        window: 'hour',
        description: 'WeCom drops app messages beyond 1,000 an hour per member (Herald paces them).',
      },
    ],
  },
} satisfies Partial<Record<MethodId, MethodCapability>>;
