import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Every module specifier the model entry pulls in, following our own relative imports. */
function importsOf(entry: string): { files: string[]; external: string[] } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/g)) {
      if (spec!.startsWith('.')) visit(resolve(dirname(file), `${spec}.ts`));
      else external.add(spec!);
    }
  };
  visit(entry);
  return { files: [...files], external: [...external] };
}

describe('the model entry', () => {
  it('stays browser-safe: only zod and liquidjs from outside, nothing from Node or Temporal, no workflow code', () => {
    const { files, external } = importsOf(resolve(here, 'index.ts'));
    // liquidjs ships a browser build (its package.json "browser" field), which the editor's bundler takes.
    expect(external.sort()).toEqual(['liquidjs', 'zod']);
    expect(files.filter((f) => f.includes('/workflows/') || f.endsWith('.test.ts'))).toEqual([]);
    expect(files.length).toBeGreaterThan(20);
  });
});

describe('the workflow entry', () => {
  // Workflow code may not import Node built-ins, which the template engine's Node build does.
  it('never reaches the template engine', () => {
    const { external } = importsOf(resolve(here, 'workflows/index.ts'));
    expect(external).not.toContain('liquidjs');
    expect(external.length).toBeGreaterThan(0);
  });
});
