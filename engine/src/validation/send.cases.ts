// Rule table: channel rules on send nodes, as the capability registry states them.
import type { JourneyGraph } from '../model/journey.schema';
import type { SendData } from '../model/node.schema';
import { audienceTrigger, broadcastJourney, followJourney, node } from '../testing/fixtures';
import type { RuleCase } from '../testing/rule-case';

const realtime = { name: 'a WeCom agent message in a real-time journey', graph: () => followJourney() };
const broadcast = { name: 'a WeCom group message to a tag', graph: () => broadcastJourney() };
const wechat = { channel: 'wechat_service', channelAccountId: 'acc-wechat' } as const;
const cs = { ...wechat, method: 'wechat_customer_service' } as const;
const template = (data: Record<string, string>, templateId = 'tpl-1') => ({
  type: 'template' as const,
  templateId,
  fields: Object.keys(data),
  data,
});
const templateFallback = { method: 'wechat_template' as const, messages: [template({ first: 'Hello' })] };
const text = (t: string) => ({ type: 'text' as const, text: t });
const image = (filename = 'a.png') => ({ type: 'image' as const, attachment: { materialId: 'm1', filename } });

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
    code: 'HERALD_ERR_EMPTY_MESSAGE',
    valid: [realtime],
    invalid: [{ name: 'blank text', graph: () => followJourney({ messages: [text('   ')] }), nodeId: 'send' }],
  },
  {
    code: 'HERALD_ERR_MESSAGE_TOO_LONG',
    valid: [
      {
        name: 'a WeCom agent message of 2,048 bytes',
        graph: () => followJourney({ messages: [text('a'.repeat(2048))] }),
      },
      {
        name: 'a WeChat mass message of 600 Chinese characters',
        graph: () => broadcastJourney({ ...wechat, method: 'wechat_mass', messages: [text('你'.repeat(600))] }),
      },
    ],
    invalid: [
      {
        name: 'a WeCom agent message of 683 Chinese characters (2,049 bytes)',
        graph: () => followJourney({ messages: [text(`${'你'.repeat(683)}`)] }),
        nodeId: 'send',
        message: /2,049 bytes long; WeCom agent message .* takes at most 2,048 bytes/,
      },
      {
        name: 'a 5 MB paste into a WeChat mass message',
        graph: () => broadcastJourney({ ...wechat, method: 'wechat_mass', messages: [text('x'.repeat(5_000_000))] }),
        nodeId: 'send',
        message: /at most 600 characters/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_NO_MESSAGES',
    valid: [realtime],
    invalid: [{ name: 'a send with no message', graph: () => followJourney({ messages: [] }), nodeId: 'send' }],
  },
  {
    code: 'HERALD_ERR_TOO_MANY_MESSAGES',
    valid: [
      broadcast,
      {
        name: 'a WeCom group message of one text and two images (delivered as one)',
        graph: () => broadcastJourney({ messages: [text('Hi'), image(), image('b.jpg')] }),
      },
    ],
    invalid: [
      {
        name: 'two WeChat mass messages in one send',
        graph: () => broadcastJourney({ ...wechat, method: 'wechat_mass', messages: [text('a'), text('b')] }),
        nodeId: 'send',
        message: /one message/,
      },
      {
        name: 'two texts in one WeCom group message',
        graph: () => broadcastJourney({ messages: [text('a'), text('b')] }),
        nodeId: 'send',
        message: /one text plus attachments/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_MESSAGE_TYPE_UNSUPPORTED',
    valid: [
      {
        name: 'a chat broadcast of text',
        graph: () => broadcastJourney({ channel: 'chat_platform', method: 'chat_broadcast', groupName: undefined }),
      },
    ],
    invalid: [
      {
        name: 'a chat broadcast of an image',
        graph: () =>
          broadcastJourney({
            channel: 'chat_platform',
            method: 'chat_broadcast',
            groupName: undefined,
            messages: [image()],
          }),
        nodeId: 'send',
        message: /text only/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_GROUP_NAME_REQUIRED',
    valid: [broadcast],
    invalid: [
      {
        name: 'a WeCom group message without a name',
        graph: () => broadcastJourney({ groupName: ' ' }),
        nodeId: 'send',
      },
    ],
  },
  {
    code: 'HERALD_ERR_ATTACHMENT_TYPE',
    valid: [
      {
        name: 'a PDF (upper-case extension)',
        graph: () =>
          followJourney({ messages: [{ type: 'file', attachment: { materialId: 'm1', filename: 'Menu.PDF' } }] }),
      },
    ],
    invalid: [
      {
        name: 'an .exe file',
        graph: () =>
          followJourney({ messages: [{ type: 'file', attachment: { materialId: 'm1', filename: 'setup.exe' } }] }),
        nodeId: 'send',
        message: /\.exe/,
      },
    ],
  },
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
