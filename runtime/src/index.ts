export {
  findTemporalBinaries,
  findTemporalCli,
  pinnedTemporalBinDir,
  type TemporalBinaries,
} from './temporal-binaries';
export { startTemporalDevServer, type DevServer, type DevServerOptions } from './temporal-dev-server';
export { loadWorkflowBundle, workflowBundleKey, workflowsPath, type WorkflowBundle } from './workflow-bundle';
export { freePort, assertPortFree, portBusyError } from './ports';
export { RuntimeError } from './runtime.error';
export { repoRoot } from './repo-root';
