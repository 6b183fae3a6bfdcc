import { XMLParser } from 'fast-xml-parser';

/** The general parser: every XML a callback may carry (nested elements, repeated ones, entities left as written). */
const parser = new XMLParser({
  processEntities: false,
  ignoreDeclaration: true,
  ignoreAttributes: true,
  parseTagValue: false,
  htmlEntities: false,
});

// WeChat's callbacks are almost all one flat <xml> of elements, each plain text or one CDATA section. Those are
// read by two regular expressions: 2–5 µs for a follow against fast-xml-parser's 17–22 (a loop of 200,000 on this
// machine), where parsing was half of the webhook route's own CPU in a storm of follows (perf). Anything else —
// nested or repeated elements, attributes, entities, a declaration, values with surrounding white space — goes to
// the general parser, so the answer is the same either way (wechat-xml.test.ts compares them).
// One element, written once for both expressions: its name, one CDATA section's content or plain text without
// markup or entities, its closing tag. The document is a run of them inside <xml>, white space between.
const element =
  String.raw`<(?<name>[A-Za-z_][\w.-]*)>` +
  String.raw`(?:<!\[CDATA\[(?<cdata>[\s\S]*?)\]\]>|(?<text>[^<&]*))<\/\k<name>>`;
const flatElement = new RegExp(element, 'g');
const flatDocument = new RegExp(String.raw`^\s*<xml>(?<elements>(?:\s*${element})*)\s*<\/xml>\s*$`);
const reserved = new Set(['__proto__', 'constructor', 'prototype']);

/** A flat callback's elements by name, or null when the body is not one (the general parser reads it). */
export function flatWechatXml(body: string): Record<string, string> | null {
  const elements = flatDocument.exec(body)?.groups?.elements;
  if (elements === undefined) return null;
  const fields: Record<string, string> = {};
  for (const match of elements.matchAll(flatElement)) {
    const { name, cdata, text } = match.groups!;
    const value = cdata ?? text ?? '';
    if (reserved.has(name!) || Object.hasOwn(fields, name!) || value !== value.trim()) return null;
    fields[name!] = value;
  }
  return fields;
}

/** The `<xml>` element of a callback body as the general parser reads it (throws on XML that does not parse). */
export const generalWechatXml = (body: string): unknown => (parser.parse(body) as { xml?: unknown }).xml;

/** The `<xml>` element of a callback body as an object (throws on XML that does not parse). */
export function parseWechatXml(body: string): unknown {
  return flatWechatXml(body) ?? generalWechatXml(body);
}
