import { ensureEditorBuilt } from '@herald/editor/build';

/** Builds the editor once per run when its sources changed since the last build (dist is a cache). */
export async function setupEditor(): Promise<() => Promise<void>> {
  const { built, ms } = await ensureEditorBuilt();
  if (built) console.log(`editor: built in ${ms} ms`);
  return async () => {};
}
