import { freePort, loadWorkflowBundle, startTemporalDevServer } from '@herald/runtime';

/** Continue-as-new is suggested from this many history events (Temporal's default is 4,096). */
export const TEST_SUGGEST_CONTINUE_AS_NEW = 400;

/**
 * One in-memory Temporal dev server and one workflow bundle for the whole run, handed to test
 * files as HERALD_TEST_TEMPORAL_ADDRESS and HERALD_TEST_WORKFLOW_BUNDLE (a file path). The low
 * continue-as-new suggestion lets tests reach it with small audiences.
 */
export async function setupTemporal(): Promise<() => Promise<void>> {
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const started = Date.now();
    return [await work(), Date.now() - started];
  };
  const [[server, serverMs], bundle] = await Promise.all([
    timed(async () =>
      startTemporalDevServer({
        port: await freePort(),
        dynamicConfig: [`limit.historyCount.suggestContinueAsNew=${TEST_SUGGEST_CONTINUE_AS_NEW}`],
      }),
    ),
    loadWorkflowBundle(),
  ]);
  process.env.HERALD_TEST_TEMPORAL_ADDRESS = server.address;
  process.env.HERALD_TEST_WORKFLOW_BUNDLE = bundle.path;
  console.log(
    `temporal: dev server ${server.address} up in ${serverMs} ms; ` +
      `workflow bundle ${bundle.cached ? 'cached' : 'built'} in ${bundle.ms} ms`,
  );
  return () => server.stop();
}
