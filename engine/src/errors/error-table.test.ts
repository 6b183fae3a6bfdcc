import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validationCodes } from '../validation/issue';
import { planErrorCodes } from '../plan/plan.error';
import { errorMessage, errorTable, isErrorCode } from './error-table';
import { renderErrorsDoc } from './errors-doc';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const sourceFolders = [
  'api/src',
  'activities/src',
  'channels/src',
  'db/src',
  'editor/src',
  'engine/src',
  'runtime/src',
  'scripts',
];

/** Every .ts/.tsx/.sh file under a folder (tests included: they name the codes a user sees). */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(repo, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(tsx?|sh)$/.test(f))
    .map((f) => join(repo, dir, f));
}

describe('the error table', () => {
  it('holds every code the source names, so each has one status and one message', () => {
    const named = new Set(
      sourceFolders.flatMap(sourceFiles).flatMap((f) => readFileSync(f, 'utf8').match(/HERALD_ERR_[A-Z0-9_]+/g) ?? []),
    );
    expect([...named].filter((code) => !isErrorCode(code))).toEqual([]);
    expect(named.size).toBeGreaterThan(80);
  });

  it('holds every validation and plan code', () => {
    for (const code of [...validationCodes, ...planErrorCodes]) expect(isErrorCode(code), code).toBe(true);
  });

  it('gives every HTTP status a client or server error', () => {
    for (const [code, e] of Object.entries(errorTable))
      if (e.status !== null) expect(e.status >= 400 && e.status < 600, code).toBe(true);
  });

  it.each([
    ['HERALD_ERR_NOT_FOUND', { what: 'The contact' }, 'The contact was not found.'],
    ['HERALD_ERR_MATERIAL_TOO_LARGE', { kind: 'voice', limit: '2 MB' }, 'A voice may be at most 2 MB.'],
    ['HERALD_ERR_REPLAY', { what: 'receipt' }, 'The receipt timestamp is more than 5 minutes away from now.'],
    ['HERALD_ERR_MATERIAL_EMPTY', {}, 'The uploaded file is empty.'],
  ] as const)('fills %s in', (code, params, message) => {
    expect(errorMessage(code, params as never)).toBe(message);
  });

  it('is what docs/ERRORS.md says (regenerate it: node_modules/.bin/tsx scripts/errors-doc.ts)', () => {
    expect(readFileSync(join(repo, 'docs/ERRORS.md'), 'utf8')).toBe(renderErrorsDoc());
  });
});
