export { findTemporalBinaries, type TemporalBinaries } from './temporal-binaries';
export { startTemporalDevServer, type DevServer, type DevServerOptions } from './temporal-dev-server';
export { loadWorkflowBundle, workflowBundleKey, workflowsPath, type WorkflowBundle } from './workflow-bundle';
export { freePort, assertPortFree } from './ports';
export { RuntimeError } from './runtime.error';
export { repoRoot } from './repo-root';
