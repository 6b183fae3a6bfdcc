import { fileURLToPath } from 'node:url';

/** The repository root (this file lives at runtime/src/). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
