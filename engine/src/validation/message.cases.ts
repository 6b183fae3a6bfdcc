// Rule table: what a send step's messages may hold (how many, how long, which types and attachments), as the
// capability registry states it per method. The channel rules of send steps are send.cases.ts.
import { broadcastJourney, followJourney } from '../testing/fixtures';
import { broadcast, image, realtime, text, wechat } from '../testing/case-fixtures';
import type { RuleCase } from '../testing/rule-case';

export const messageCases: RuleCase[] = [
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
];
