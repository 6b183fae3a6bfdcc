// Runs bare-strings.lint.ts over every component of the editor: no English a marketer reads left in JSX.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bareStrings } from './bare-strings.lint';

/** Every component file of the editor (a new page is checked the day it is added). */
function componentFiles(dir = join(import.meta.dirname, '..'), at = ''): string[] {
  return readdirSync(join(dir, at), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? componentFiles(dir, join(at, e.name))
      : e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx')
        ? [join(at, e.name)]
        : [],
  );
}

const converted = componentFiles();

describe('English left in the pages', () => {
  it('looks at every page and component', () => {
    expect(converted).toEqual(
      expect.arrayContaining(['App.tsx', 'pages/ContactsPage.tsx', 'canvas/steps/SendForm.tsx']),
    );
    expect(converted.length).toBeGreaterThan(80);
  });

  it.each(converted)('%s has none', (path) => {
    expect(bareStrings(readFileSync(join(import.meta.dirname, '..', path), 'utf8'), path)).toEqual([]);
  });

  it('finds what the heuristic is meant to find, and passes codes, addresses and names', () => {
    const found = bareStrings(`const columns = [{ label: 'Added' }];
      export const A = ({ ok, e }: { ok: boolean; e: string }) => (
        <p title="Open it" placeholder="wx0123abcd">
          <input placeholder="Asia/Shanghai" />
          Next run {ok ? 'Yes' : 'No'} {e || 'Failed to save'} {t('x.y')} {'https://example.com'} Herald
          <input aria-label={ok ? 'On' : t('off')} className="primary wide" /> {ok && 'Done'}
        </p>
      );`);
    expect(found.map((f) => f.replace(/^\d+: /, ''))).toEqual([
      'Added',
      'Open it',
      'Next run',
      'Yes',
      'No',
      'Failed to save',
      'On',
      'Done',
    ]);
  });
});
