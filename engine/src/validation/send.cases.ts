// Rule table: channel rules on send nodes (methods, audiences, windows, fallbacks), as the capability registry
// states them. What a step's messages may hold is message.cases.ts.
import type { JourneyGraph } from '../model/journey.schema';
import type { SendData } from '../model/node.schema';
import { audienceTrigger, broadcastJourney, followJourney, node } from '../testing/fixtures';
import { broadcast, realtime, text, wechat } from '../testing/case-fixtures';
import type { RuleCase } from '../testing/rule-case';

const cs = { ...wechat, method: 'wechat_customer_service' } as const;
const template = (data: Record<string, string>, templateId = 'tpl-1') => ({
  type: 'template' as const,
  templateId,
  fields: Object.keys(data),
  data,
});
const templateFallback = { method: 'wechat_template' as const, messages: [template({ first: 'Hello' })] };

/** trigger → send, with nothing between (an interaction opens WeChat's window right before). */
const rightAfter = (trigger: JourneyGraph['nodes'][number], send: Partial<SendData>): JourneyGraph => {
  const g = followJourney(send);
  return { ...g, nodes: [trigger, g.nodes[2]!], edges: [{ id: 'e1', source: 'trigger', target: 'send' }] };
};
const follow = node('trigger', 'follow', { channelAccountId: 'acc-wechat' });
const groupChats = audienceTrigger({ kind: 'group_chats', groupChatIds: ['chat-1'], allOfOwnerIds: [] });

const subscription = {
  channel: 'wechat_subscription',
  channelAccountId: 'acc-wechat',
  method: 'wechat_mass_subscription',
  groupName: undefined,
} as const;
const tagAudience = (tagIds: string[], excludeTagIds: string[] = []) =>
  audienceTrigger({ kind: 'tags', mode: 'any', tagIds, excludeTagIds });
const subscriptionMass = (tagIds: string[], excludeTagIds: string[] = []) =>
  broadcastJourney(subscription, tagAudience(tagIds, excludeTagIds));
const serviceMass = (tagIds: string[]) =>
  broadcastJourney({ ...wechat, method: 'wechat_mass', groupName: undefined }, tagAudience(tagIds));

export const sendCases: RuleCase[] = [
  {
    code: 'HERALD_ERR_METHOD_NOT_REALTIME',
    valid: [
      realtime,
      broadcast,
      {
        name: 'a WeChat mass message in a broadcast',
        graph: () => broadcastJourney({ ...wechat, method: 'wechat_mass', groupName: undefined }),
      },
    ],
    invalid: [
      {
        name: 'a WeCom group message in a real-time journey',
        graph: () => followJourney({ method: 'wecom_group_msg', groupName: 'Welcome' }),
        nodeId: 'send',
        message: /agent message instead/,
      },
      {
        name: 'a WeChat mass message in a real-time journey',
        graph: () => followJourney({ ...wechat, method: 'wechat_mass' }),
        nodeId: 'send',
        message: /batch journey/,
      },
      {
        name: 'a subscription-account mass message in a real-time journey',
        graph: () => followJourney({ channel: 'wechat_subscription', method: 'wechat_mass_subscription' }),
        nodeId: 'send',
      },
    ],
  },
  {
    code: 'HERALD_ERR_METHOD_CHANNEL_MISMATCH',
    valid: [realtime],
    invalid: [
      { name: 'a WeCom method on an email account', graph: () => followJourney({ channel: 'email' }), nodeId: 'send' },
    ],
  },
  {
    code: 'HERALD_ERR_METHOD_TYPE_UNSUPPORTED',
    valid: [
      {
        name: 'a WeCom group message to group chats',
        graph: () => broadcastJourney({ type: 'group_chats' }, groupChats),
      },
    ],
    invalid: [
      {
        name: 'an agent message to group chats',
        graph: () => broadcastJourney({ method: 'wecom_agent', type: 'group_chats' }, groupChats),
        nodeId: 'send',
      },
    ],
  },
  {
    code: 'HERALD_ERR_AUDIENCE_UNSUPPORTED',
    valid: [
      {
        name: 'group chats picked for a group-chat send',
        graph: () => broadcastJourney({ type: 'group_chats' }, groupChats),
      },
    ],
    invalid: [
      {
        name: 'a group-chat send to a tag',
        graph: () => broadcastJourney({ type: 'group_chats' }),
        nodeId: 'send',
        message: /group chats/,
      },
      { name: 'a contact send to group chats', graph: () => broadcastJourney({}, groupChats), nodeId: 'send' },
      {
        name: 'a subscription mass message to a contact list',
        graph: () =>
          broadcastJourney(
            { channel: 'wechat_subscription', method: 'wechat_mass_subscription', groupName: undefined },
            audienceTrigger({ kind: 'contacts', contactIds: ['c1'] }),
          ),
        nodeId: 'send',
      },
    ],
  },
  {
    code: 'HERALD_ERR_AUDIENCE_ONE_TAG',
    valid: [
      { name: 'a subscription mass message to one tag', graph: () => subscriptionMass(['tag-vip']) },
      {
        name: 'a subscription mass message to all fans',
        graph: () => broadcastJourney(subscription, audienceTrigger({ kind: 'all' })),
      },
      { name: 'a service account mass message to two tags', graph: () => serviceMass(['tag-vip', 'tag-new']) },
    ],
    invalid: [
      {
        name: 'a subscription mass message to two tags',
        graph: () => subscriptionMass(['tag-vip', 'tag-new']),
        nodeId: 'send',
        message: /names 2 tags: choose one/,
      },
      {
        name: 'a subscription mass message to a tag but not another',
        graph: () => subscriptionMass(['tag-vip'], ['tag-new']),
        nodeId: 'send',
        message: /cannot exclude/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_CS_NEEDS_INTERACTION',
    valid: [
      { name: 'right after the follow', graph: () => rightAfter(follow, cs) },
      {
        name: 'right after a fan message event',
        graph: () => rightAfter(node('trigger', 'event', { eventName: 'message', filters: [] }), cs),
      },
      {
        name: 'after a wait, with a template fallback',
        graph: () => followJourney({ ...cs, fallback: templateFallback }),
      },
    ],
    invalid: [
      { name: 'after a wait, no fallback', graph: () => followJourney(cs), nodeId: 'send', message: /48 hours/ },
      {
        name: 'right after a purchase event',
        graph: () => rightAfter(node('trigger', 'event', { eventName: 'purchase', filters: [] }), cs),
        nodeId: 'send',
      },
      {
        name: 'in a broadcast, no fallback (fans outside the window are skipped)',
        graph: () => broadcastJourney({ ...cs, groupName: undefined }),
        nodeId: 'send',
        severity: 'warning',
        message: /skipped/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_FALLBACK_INVALID',
    valid: [{ name: 'a template fallback', graph: () => followJourney({ ...cs, fallback: templateFallback }) }],
    invalid: [
      {
        name: 'a customer-service fallback',
        graph: () => followJourney({ ...cs, fallback: { method: 'wechat_customer_service', messages: [text('hi')] } }),
        nodeId: 'send',
        message: /template message/,
      },
      {
        name: 'a mass-message fallback in a real-time journey',
        graph: () => followJourney({ ...cs, fallback: { method: 'wechat_mass', messages: [text('hi')] } }),
        nodeId: 'send',
        message: /real-time/,
      },
      {
        name: 'an empty fallback',
        graph: () => followJourney({ ...cs, fallback: { method: 'wechat_template', messages: [] } }),
        nodeId: 'send',
      },
      {
        name: 'a fallback on an agent message',
        graph: () => followJourney({ fallback: templateFallback }),
        nodeId: 'send',
        severity: 'warning',
      },
    ],
  },
  {
    code: 'HERALD_ERR_TEMPLATE_INCOMPLETE',
    valid: [
      {
        name: 'every field filled',
        graph: () =>
          followJourney({
            ...wechat,
            method: 'wechat_template',
            messages: [template({ first: 'Hi', remark: 'Thanks' })],
          }),
      },
    ],
    invalid: [
      {
        name: 'an empty field',
        graph: () =>
          followJourney({ ...wechat, method: 'wechat_template', messages: [template({ first: 'Hi', remark: '' })] }),
        nodeId: 'send',
        message: /remark/,
      },
      {
        name: 'no template picked',
        graph: () => followJourney({ ...wechat, method: 'wechat_template', messages: [template({}, '')] }),
        nodeId: 'send',
      },
      {
        name: 'an empty field in the fallback',
        graph: () =>
          followJourney({ ...cs, fallback: { method: 'wechat_template', messages: [template({ first: '' })] } }),
        nodeId: 'send',
      },
    ],
  },
];
