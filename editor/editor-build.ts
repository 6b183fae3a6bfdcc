// The editor's Vite bundle as a cache: `./herald start` and the test run call ensureEditorBuilt(),
// which builds editor/dist only when the sources it is made from changed since the last build.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const editorRoot = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(editorRoot, '..');
/** Where the API serves the editor from. */
export const editorDistDir = join(editorRoot, 'dist');
const STAMP = '.build-key';

/** Hash of everything the editor bundle is built from (its sources, the engine's, the API's contracts, config). */
export function editorBuildKey(): string {
  const hash = createHash('sha256');
  // The editor bundles the engine's model and the API's contracts (with the database's value sets).
  for (const dir of ['editor/src', 'engine/src', 'api/src/contracts']) {
    for (const file of readdirSync(join(repoRoot, dir), { recursive: true }).map(String).sort()) {
      if (/\.(tsx?|css)$/.test(file) && !/\.test\.tsx?$/.test(file))
        hash.update(file).update(readFileSync(join(repoRoot, dir, file)));
    }
  }
  for (const file of [
    'editor/index.html',
    'editor/vite.config.ts',
    'editor/package.json',
    'pnpm-lock.yaml',
    'db/src/enums.ts',
  ])
    hash.update(file).update(readFileSync(join(repoRoot, file)));
  return hash.digest('hex');
}

/** The key editor/dist was built from, or undefined when there is no complete build. */
function builtKey(dir: string): string | undefined {
  const stamp = join(dir, STAMP);
  return existsSync(stamp) ? readFileSync(stamp, 'utf8') : undefined;
}

/**
 * Builds editor/dist when its sources changed since the last build, and says whether it did.
 * The bundle is built beside dist and swapped in whole, so a server reading dist (or a second
 * process building at the same time) never sees half a build.
 */
export async function ensureEditorBuilt(): Promise<{ dir: string; built: boolean; ms: number }> {
  const started = Date.now();
  const key = editorBuildKey();
  if (builtKey(editorDistDir) === key) return { dir: editorDistDir, built: false, ms: Date.now() - started };
  removeAbandonedStaging();
  const { build } = await import('vite');
  const staging = join(editorRoot, `.dist-${process.pid}-${Date.now()}`);
  try {
    await build({
      root: editorRoot,
      configFile: join(editorRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    writeFileSync(join(staging, STAMP), key);
    swapIn(staging);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { dir: editorDistDir, built: true, ms: Date.now() - started };
}

// A process killed mid-build leaves its staging folder behind; its pid no longer runs.
function removeAbandonedStaging(): void {
  for (const name of readdirSync(editorRoot)) {
    const pid = /^\.dist-(\d+)-/.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) rmSync(join(editorRoot, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// rename() cannot replace a non-empty directory: move the old build aside first. Another process
// that swapped its own build in between wins when it was built from the same sources.
function swapIn(staging: string): void {
  const old = `${staging}-old`;
  try {
    renameSync(editorDistDir, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    renameSync(staging, editorDistDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || builtKey(editorDistDir) !== builtKey(staging)) throw error;
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
}
