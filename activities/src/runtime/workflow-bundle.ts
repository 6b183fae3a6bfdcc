import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { repoRoot } from './repo-root';

/** The workflow bundle's entry: every workflow Herald registers. */
export const workflowsPath = join(repoRoot, 'engine/src/workflows/index.ts');

/** Content hash of everything that goes into the bundle (engine sources + the SDK version). */
export function workflowBundleKey(): string {
  const hash = createHash('sha256');
  const engineSrc = join(repoRoot, 'engine/src');
  for (const file of readdirSync(engineSrc, { recursive: true }).map(String).sort()) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    hash.update(file).update(readFileSync(join(engineSrc, file)));
  }
  const require = createRequire(join(repoRoot, 'engine/package.json'));
  const sdk = JSON.parse(readFileSync(require.resolve('@temporalio/workflow/package.json'), 'utf8')) as { version: string };
  hash.update(sdk.version);
  return hash.digest('hex').slice(0, 24);
}

export interface WorkflowBundle { code: string; path: string; cached: boolean }

/**
 * Bundles the workflow code once and caches it in .cache/workflow-bundle/<key>.js; a cache hit
 * skips bundling (seconds), a miss or unreadable cache rebuilds. Never required to be warm.
 */
export async function loadWorkflowBundle(options: { cacheDir?: string } = {}): Promise<WorkflowBundle> {
  const cacheDir = options.cacheDir ?? join(repoRoot, '.cache/workflow-bundle');
  const path = join(cacheDir, `${workflowBundleKey()}.js`);
  try {
    const code = readFileSync(path, 'utf8');
    if (code.length > 0) return { code, path, cached: true };
  } catch {
    // Not cached yet: build below.
  }
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, code);
  renameSync(partial, path);
  return { code, path, cached: false };
}

const noop = (): void => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => console.error(m), log: noop };
