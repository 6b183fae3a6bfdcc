// Worker threads do not inherit tsx's loader: this plain entry loads the TypeScript load generator through it.
import { tsImport } from 'tsx/esm/api';

await tsImport('./post-load.worker.ts', import.meta.url);
