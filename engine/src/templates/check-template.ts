import { TypeGuards, type Template } from 'liquidjs';
import { hasLiquid, liquid, parseCached } from './liquid-engine';
import { isKnownVariable } from './template-context';

/** What publishing needs to know of one text with Liquid in it. */
export interface TemplateCheck {
  /** What is wrong with its syntax, in a marketer's words (null: it parses). */
  invalid: string | null;
  /** Variables it names that a contact does not have, as written (`user.name`). */
  unknown: string[];
  /** Whether it reads anything of the contact (then each contact may get a different text). */
  personal: boolean;
  /** The text every rendering contains whatever the contact (outside any tag): a lower bound of its length. */
  fixedText: string;
}

const pathText = (path: ReadonlyArray<unknown>): string =>
  path
    .map((p, i) =>
      Array.isArray(p) ? `[${pathText(p)}]` : typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`,
    )
    .join('');

/** Every variable path a template names, nested index paths included. */
function pathsOf(path: ReadonlyArray<unknown>): Array<ReadonlyArray<unknown>> {
  return [path, ...path.filter((p): p is unknown[] => Array.isArray(p)).flatMap(pathsOf)];
}

/** Checks one text: syntax, the variables it names, and what it always contains. */
export function checkTemplate(text: string): TemplateCheck {
  if (!hasLiquid(text)) return { invalid: null, unknown: [], personal: false, fixedText: text };
  let templates: Template[];
  try {
    templates = parseCached(text);
  } catch (error) {
    return { invalid: problemWords(error, text), unknown: [], personal: true, fixedText: '' };
  }
  const paths = liquid.globalVariableSegmentsSync(templates).flatMap((p) => pathsOf(p));
  const unknown = [...new Set(paths.filter((p) => !isKnownVariable(p)).map(pathText))];
  const fixedText = templates
    .map((t) => t.token)
    .filter(TypeGuards.isHTMLToken)
    .map((token) => token.getContent())
    .join('');
  return { invalid: null, unknown, personal: paths.length > 0, fixedText };
}

const snippet = (text: string, from: number, to: number) => {
  const piece = text.slice(from, Math.min(to, from + 40)).replace(/\s+/g, ' ');
  return piece.length > 0 ? `"${piece}${to - from > 40 ? '…' : ''}"` : 'the end';
};

/** liquidjs' parse error said as a marketer reads it: what is wrong and where. */
function problemWords(error: unknown, text: string): string {
  const e = error as { message?: string; token?: { begin?: number; end?: number } };
  const raw = (e.message ?? '').replace(/, line:\d+, col:\d+$/, '');
  const at = snippet(text, e.token?.begin ?? 0, e.token?.end ?? text.length);
  let m: RegExpMatchArray | null;
  if ((m = raw.match(/^undefined filter: (.+)$/)))
    return `the filter "${m[1]}" does not exist (filters such as default, upcase, capitalize and truncate do)`;
  if ((m = raw.match(/^tag \{%-?\s*(\w+)[^%]*%\} not closed$/)))
    return `${at} is never closed: add {% end${m[1]} %} after it`;
  if ((m = raw.match(/^tag "(\w+)" not found$/))) return `{% ${m[1]} %} is not something a message can use`;
  if (/^output .* not closed$/.test(raw)) return `${at} is missing its closing }}`;
  if (/^tag .* not closed$/.test(raw)) return `${at} is missing its closing %}`;
  if (/limit exceeded/.test(raw)) return 'it is too long to personalise (at most 100,000 characters)';
  if ((m = raw.match(/^unexpected "(\w+)"$/))) return `{% ${m[1]} %} has nothing open to close`;
  return `something is not right at ${at}`;
}
