// Worker threads do not inherit tsx's loader (nor vitest's): this plain entry loads the TypeScript server through it.
import { tsImport } from 'tsx/esm/api';

await tsImport('./pglite-wire-server.ts', import.meta.url);
