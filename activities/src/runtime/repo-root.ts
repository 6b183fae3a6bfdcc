import { fileURLToPath } from 'node:url';

/** The repository root (this file lives at activities/src/runtime/). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
