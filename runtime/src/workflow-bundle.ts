import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { repoRoot } from './repo-root';

/** The workflow bundle's entry: every workflow Herald registers. */
export const workflowsPath = join(repoRoot, 'engine/src/workflows/index.ts');

/**
 * Content hash of what goes into the bundle: every file under `srcDir` (engine/src), the SDK's
 * version, and the lockfile (other bundled dependencies), so a stale bundle is never served.
 */
export function workflowBundleKey(srcDir = join(repoRoot, 'engine/src')): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(srcDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    hash.update(path.slice(srcDir.length)).update('\0').update(readFileSync(path)).update('\0');
  }
  const require = createRequire(join(repoRoot, 'engine/package.json'));
  const sdk = JSON.parse(readFileSync(require.resolve('@temporalio/workflow/package.json'), 'utf8')) as {
    version: string;
  };
  hash.update(`@temporalio/workflow@${sdk.version}\0`);
  hash.update(readFileSync(join(repoRoot, 'pnpm-lock.yaml')));
  return hash.digest('hex');
}

export interface WorkflowBundle {
  code: string;
  path: string;
  cached: boolean;
  ms: number;
}

// Old bundles are dead weight once the engine moved on; keep a few for branches switched back to.
function prune(cacheDir: string, keep = 8): void {
  const files = readdirSync(cacheDir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(cacheDir, f));
  const byAge = files
    .map((f) => ({ f, t: statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of byAge.slice(keep)) rmSync(f, { force: true });
}

/**
 * The workflow bundle for `workflowBundle: { code }`, cached in .cache/workflow-bundle/<key>.js:
 * a hit skips bundling (seconds); a miss or an unreadable file rebuilds, so a cold cache is fine.
 */
export async function loadWorkflowBundle(options: { cacheDir?: string; key?: string } = {}): Promise<WorkflowBundle> {
  const started = Date.now();
  const cacheDir = options.cacheDir ?? join(repoRoot, '.cache/workflow-bundle');
  const path = join(cacheDir, `${options.key ?? workflowBundleKey()}.js`);
  try {
    const code = readFileSync(path, 'utf8');
    if (code.length > 0) return { code, path, cached: true, ms: Date.now() - started };
  } catch {
    // Not cached (or unreadable): build below.
  }
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
  mkdirSync(cacheDir, { recursive: true });
  // Write then rename, so a concurrent reader never sees half a bundle.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, code);
  renameSync(partial, path);
  prune(cacheDir);
  const ms = Date.now() - started;
  console.log(`herald: workflow bundle built in ${ms} ms (${Math.round(code.length / 1024)} KiB)`);
  return { code, path, cached: false, ms };
}

const noop = (): void => {};
const quietLogger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: noop,
  error: (m: string) => console.error(m),
  log: noop,
};
