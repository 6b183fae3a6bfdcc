// Rule table: Liquid in messages — syntax, variables a contact has, and length where it can be known.
import { broadcastJourney, followJourney } from '../testing/fixtures';
import { text, wechat } from '../testing/case-fixtures';
import type { RuleCase } from '../testing/rule-case';

const template = (data: Record<string, string>) => ({
  type: 'template' as const,
  templateId: 'tpl-1',
  fields: Object.keys(data),
  data,
});
const agent = (t: string) => () => followJourney({ messages: [text(t)] });
/** A WeChat template message whose `first` field reads `first`. */
const wechatTemplate = (first: string) => () =>
  followJourney({ ...wechat, method: 'wechat_template', messages: [template({ first })] });
const mass = (t: string) => () => broadcastJourney({ ...wechat, method: 'wechat_mass', messages: [text(t)] });

export const templateCases: RuleCase[] = [
  {
    code: 'HERALD_ERR_TEMPLATE_INVALID',
    valid: [
      { name: 'a default and a filter', graph: agent('Hi {{ contact.name | default: "friend" | capitalize }}') },
      {
        name: 'a condition on tags',
        graph: agent('{% if contact.tags contains "VIP" %}Dear VIP{% else %}Hello{% endif %}, {{ contact.name }}'),
      },
      { name: 'a loop with a local variable', graph: agent('{% for t in contact.tags %}{{ t }} {% endfor %}') },
      { name: 'braces that open nothing', graph: agent('Use }} as a smiley') },
    ],
    invalid: [
      {
        name: 'a filter that does not exist',
        graph: agent('Hi {{ contact.name | shout }}'),
        nodeId: 'send',
        message: /filter "shout" does not exist/,
      },
      {
        name: 'an if never closed',
        graph: agent('{% if contact.tags contains "VIP" %}Dear VIP'),
        nodeId: 'send',
        message: /never closed: add \{% endif %\}/,
      },
      { name: 'an output left open', graph: agent('Hi {{contact.name'), nodeId: 'send', message: /closing \}\}/ },
      {
        name: 'an include (messages read no files)',
        graph: agent('{% include "secrets" %}'),
        nodeId: 'send',
        message: /\{% include %\} is not something a message can use/,
      },
      { name: 'a broken field of a WeChat template', graph: wechatTemplate('{% if %}'), nodeId: 'send' },
    ],
  },
  {
    code: 'HERALD_ERR_UNKNOWN_FIELD',
    valid: [
      { name: 'the name and an attribute', graph: agent('Hi {{contact.name}} from {{ contact.attributes.city }}') },
      { name: 'how many tags', graph: agent('{{ contact.tags.size }} tags, first {{ contact.tags.first }}') },
      { name: 'an assigned variable', graph: agent('{% assign n = contact.name | upcase %}{{ n }}') },
    ],
    invalid: [
      { name: '{{user.name}}', graph: agent('Hi {{user.name}}'), nodeId: 'send', message: /\{\{user\.name\}\}/ },
      {
        name: 'an attribute without attributes.',
        graph: agent('Hi {{ contact.city }}'),
        nodeId: 'send',
        message: /\{\{contact\.city\}\}, which a contact does not have/,
      },
      { name: 'a field of a name', graph: agent('{{ contact.name.first_name }}'), nodeId: 'send' },
      { name: 'a bad field in template data', graph: wechatTemplate('Hi {{name}}'), nodeId: 'send' },
    ],
  },
  {
    code: 'HERALD_ERR_PERSONALISATION_UNSUPPORTED',
    valid: [
      { name: 'a WeCom agent message', graph: agent('Hi {{contact.name}}') },
      { name: 'a mass message with Liquid that reads no contact', graph: mass('{% if true %}Hello all{% endif %}') },
    ],
    invalid: [
      {
        name: '{{contact.name}} in a WeCom group message',
        graph: () => broadcastJourney({ messages: [text('Hi {{contact.name}}')] }),
        nodeId: 'send',
        severity: 'warning',
        message: /same content to everyone.*left empty \(or take their default\)/,
      },
    ],
  },
  {
    code: 'HERALD_ERR_MESSAGE_TOO_LONG',
    valid: [
      {
        name: 'a name after 2,000 bytes (each contact is checked when sent)',
        graph: agent(`${'a'.repeat(2000)}{{ contact.name }}`),
      },
      {
        name: 'a long default inside a branch a mass message never takes',
        graph: mass(`{% if contact.tags.size > 0 %}${'x'.repeat(700)}{% endif %}short`),
      },
    ],
    invalid: [
      {
        name: '2,049 bytes outside any tag',
        graph: agent(`${'a'.repeat(2049)}{{ contact.name }}`),
        nodeId: 'send',
        message: /at least 2,049 bytes long before any contact field/,
      },
      {
        name: 'a mass message whose default makes it 601 characters',
        graph: mass(`${'x'.repeat(596)}{{ contact.name | default: "friend" }}`),
        nodeId: 'send',
        message: /is 602 characters long/,
      },
    ],
  },
];
