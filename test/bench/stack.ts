// The parts an end-to-end benchmark runs for real: a Temporal dev server, Herald worker processes
// (`./herald worker`, so their memory is measured apart from the benchmark's) and the sandbox.
import { freePort, startTemporalDevServer, type DevServer } from '@herald/runtime';
import type { NodeProcess } from '../faults/processes';

export { startWorkerProcess } from '../src/fixtures/worker-process';
export type WorkerProcess = NodeProcess;

/** A headless Temporal dev server on a free port (in memory). */
export async function startDevServer(): Promise<DevServer> {
  return startTemporalDevServer({ port: await freePort() });
}

/** Samples a worker's RSS every `everyMs`; `peak()` since the last `reset()`. */
export function rssSampler(
  worker: Pick<WorkerProcess, 'rssMiB'>,
  everyMs = 250,
): { peak(): number; reset(): void; stop(): void } {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, worker.rssMiB());
  }, everyMs);
  return {
    peak: () => Math.max(peak, worker.rssMiB()),
    reset: () => {
      peak = 0;
    },
    stop: () => clearInterval(timer),
  };
}
