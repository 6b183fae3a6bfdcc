import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { repoRoot } from '@herald/runtime';

/** Hash of everything the editor bundle is built from. */
function editorKey(): string {
  const hash = createHash('sha256');
  // The editor bundles the engine's model and the API's contracts (with the database's value sets).
  for (const dir of ['editor/src', 'engine/src', 'api/src/contracts']) {
    for (const file of readdirSync(join(repoRoot, dir), { recursive: true }).map(String).sort()) {
      if (/\.(tsx?|css)$/.test(file) && !file.endsWith('.test.ts'))
        hash.update(file).update(readFileSync(join(repoRoot, dir, file)));
    }
  }
  for (const file of ['editor/index.html', 'editor/vite.config.ts', 'pnpm-lock.yaml', 'db/src/enums.ts'])
    hash.update(readFileSync(join(repoRoot, file)));
  return hash.digest('hex');
}

/** Builds the editor once per run when its sources changed since the last build (dist is a cache). */
export async function setupEditor(): Promise<() => Promise<void>> {
  const stamp = join(repoRoot, 'editor/dist/.build-key');
  const key = editorKey();
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== key) {
    const started = Date.now();
    await build({
      root: join(repoRoot, 'editor'),
      configFile: join(repoRoot, 'editor/vite.config.ts'),
      logLevel: 'warn',
    });
    writeFileSync(stamp, key);
    console.log(`editor: built in ${Date.now() - started} ms`);
  }
  return async () => {};
}
