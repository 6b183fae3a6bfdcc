import { freePort, loadWorkflowBundle, startTemporalDevServer } from '@herald/activities/runtime';

/**
 * One in-memory Temporal dev server and one workflow bundle for the whole run. Continue-as-new is
 * suggested from 400 history events (not 4,096) so tests reach it with small audiences.
 */
export async function setupTemporal(): Promise<() => Promise<void>> {
  const started = Date.now();
  const [server, bundle] = await Promise.all([
    freePort().then((port) => startTemporalDevServer({ port, dynamicConfig: ['limit.historyCount.suggestContinueAsNew=400'] })),
    loadWorkflowBundle(),
  ]);
  process.env.HERALD_TEST_TEMPORAL_ADDRESS = server.address;
  process.env.HERALD_TEST_WORKFLOW_BUNDLE = bundle.path;
  console.log(`temporal: dev server ${server.address}, workflow bundle ${bundle.cached ? 'cached' : 'built'} (${Date.now() - started} ms)`);
  return () => server.stop();
}
