// Every key in one language is in the other: a missing Chinese entry would show English in the middle of
// a Chinese page (i18next falls back), and a key only in Chinese is dead text nobody reviews in English.
import { describe, expect, it } from 'vitest';
import { errorTable, methodIds, nodeKinds, type ErrorEntry } from '@herald/engine';
import { resources } from './resources';

type Tree = { [key: string]: string | Tree };

/** Every leaf's path with its text; plural forms (key_one, key_other) count as one key. */
function leaves(tree: Tree, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      const base = path.replace(/_(zero|one|two|few|many|other)$/, '');
      out.set(base, [...(out.get(base) ?? []), value]);
    } else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (texts: string[]) =>
  [...new Set(texts.flatMap((t) => [...t.matchAll(/{{\s*(\w+)/g)].map((m) => m[1])))].sort();

const en = leaves(resources.en.translation as unknown as Tree);
const zh = leaves(resources['zh-CN'].translation as unknown as Tree);

describe('the catalogues', () => {
  it('have the same keys in English and Chinese', () => {
    expect(
      [...en.keys()].filter((k) => !zh.has(k)),
      'in en, not in zh-CN',
    ).toEqual([]);
    expect(
      [...zh.keys()].filter((k) => !en.has(k)),
      'in zh-CN, not in en',
    ).toEqual([]);
  });

  it('fill in the same values in both languages, and leave no text empty', () => {
    for (const [key, texts] of en) {
      expect(variables(zh.get(key) ?? []), key).toEqual(variables(texts));
      expect(texts.every((t) => t.trim() !== '') && (zh.get(key) ?? []).every((t) => t.trim() !== ''), key).toBe(true);
    }
  });

  it('name every send method, step kind and error a marketer reads, in Chinese', () => {
    for (const m of methodIds) expect(zh.has(`labels.method.${m}`), m).toBe(true);
    for (const k of nodeKinds) expect(zh.has(`labels.step.${k}`), k).toBe(true);
    for (const [code, entry] of Object.entries(errorTable as Record<string, ErrorEntry>))
      if (entry.words) expect(zh.get(`errors.${code}`)?.[0], code).toMatch(/[\u4e00-\u9fff]/);
  });

  it('catch a key missing from one language (the check itself can fail)', () => {
    const partial = leaves({ a: { b: 'B', c_one: 'one', c_other: 'many' } });
    const fewer = leaves({ a: { c_other: '多' } });
    expect([...partial.keys()].filter((k) => !fewer.has(k))).toEqual(['a.b']);
  });
});
