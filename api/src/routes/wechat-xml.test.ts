import { describe, expect, it } from 'vitest';
import { flatWechatXml, generalWechatXml as general, parseWechatXml } from './wechat-xml';

const wrap = (inner: string, sep = '') => `<xml>${sep}${inner}${sep}</xml>`;
const el = (name: string, value: string, cdata = true) =>
  `<${name}>${cdata ? `<![CDATA[${value}]]>` : value}</${name}>`;

// Callbacks as WeChat sends them (one line, or an element a line), and the shapes the flat path must leave alone.
const flat: Record<string, string> = {
  follow: wrap(
    el('ToUserName', 'gh_123') +
      el('FromUserName', 'o_fan') +
      el('CreateTime', '1700000000', false) +
      el('MsgType', 'event') +
      el('Event', 'subscribe') +
      el('EventKey', 'qrscene_42'),
  ),
  'follow, an element a line': wrap(
    [el('ToUserName', 'gh_123'), el('FromUserName', 'o_fan'), el('CreateTime', '1700000000', false)].join('\n'),
    '\n',
  ),
  'text with markup and entities inside CDATA': wrap(
    el('FromUserName', 'o_fan') +
      el('MsgType', 'text') +
      el('Content', 'a <b> & c ]] > d') +
      el('MsgId', '1234567890123456', false),
  ),
  'an empty element and an empty CDATA': wrap(el('EventKey', '', false) + el('Content', '')),
  'a template result': wrap(
    el('FromUserName', 'o_fan') +
      el('MsgType', 'event') +
      el('Event', 'TEMPLATESENDJOBFINISH') +
      el('MsgID', '200163836', false) +
      el('Status', 'failed:user block'),
  ),
};
const notFlat: Record<string, string> = {
  'a nested element (a mass result)': wrap(
    el('MsgType', 'event') +
      el('Event', 'MASSSENDJOBFINISH') +
      el('MsgID', '1000001625', false) +
      `<CopyrightCheckResult>${el('Count', '2', false)}<ResultList>` +
      `<item>${el('ArticleIdx', '1', false)}</item><item>${el('ArticleIdx', '2', false)}</item>` +
      `</ResultList></CopyrightCheckResult>`,
  ),
  'a repeated element': wrap(el('Content', 'one') + el('Content', 'two')),
  'an entity in plain text': wrap(el('Content', 'a &amp; b', false)),
  'a value with surrounding space': wrap(el('Content', '  padded ')),
  'an attribute on the root': `<xml id="1">${el('Content', 'x')}</xml>`,
  'a prototype key (refused by the general parser)': wrap(el('__proto__', 'x') + el('Content', 'y')),
  'an XML declaration first': `<?xml version="1.0" encoding="UTF-8"?>\n${wrap(el('FromUserName', 'o_fan'))}`,
  'not XML at all': 'hello',
  'an unclosed element': wrap('<Content><![CDATA[x]]>'),
};

describe('WeChat callback XML', () => {
  it.each(Object.entries(flat))('reads %s on the flat path, as the general parser does', (_name, body) => {
    expect(flatWechatXml(body)).not.toBeNull();
    expect(parseWechatXml(body)).toEqual(general(body));
  });

  it.each(Object.entries(notFlat))('leaves %s to the general parser', (_name, body) => {
    expect(flatWechatXml(body)).toBeNull();
    let expected: unknown;
    let failure: unknown;
    try {
      expected = general(body);
    } catch (error) {
      failure = error;
    }
    if (failure) expect(() => parseWechatXml(body)).toThrow();
    else expect(parseWechatXml(body)).toEqual(expected);
  });
});
