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

/** A worker's memory at its peaks, in MiB: the process's RSS, and its main thread's V8 heap and external memory. */
export interface MemoryPeaks {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

const metricNames = {
  heapUsed: 'nodejs_heap_size_used_bytes',
  heapTotal: 'nodejs_heap_size_total_bytes',
  external: 'nodejs_external_memory_bytes',
} as const;

/**
 * Samples a worker's RSS every `everyMs` and, given its metrics URL (HERALD_METRICS_PORT), its main thread's V8 heap
 * and external memory twice a second: what of the RSS JavaScript holds, and what the rest of the process does
 * (Temporal's core, the workflow threads, the allocator). Peaks since the last `reset()`.
 */
export function rssSampler(
  worker: Pick<WorkerProcess, 'rssMiB'>,
  everyMs = 250,
  metricsUrl?: string,
): { peak(): number; peaks(): MemoryPeaks; reset(): void; stop(): void } {
  const zero = (): MemoryPeaks => ({ rss: 0, heapUsed: 0, heapTotal: 0, external: 0 });
  let peaks = zero();
  const timer = setInterval(() => {
    peaks.rss = Math.max(peaks.rss, worker.rssMiB());
  }, everyMs);
  const sampleHeap = (url: string) =>
    fetch(url)
      .then((r) => r.text())
      .then((text) => {
        for (const [key, name] of Object.entries(metricNames)) {
          const line = text.split('\n').find((l) => l.startsWith(`${name} `));
          const mib = Math.round(Number(line?.split(' ')[1] ?? 0) / 1048576);
          peaks[key as keyof typeof metricNames] = Math.max(peaks[key as keyof typeof metricNames], mib);
        }
      })
      .catch(() => undefined);
  // At once and twice a second: a small audience's run takes about a second.
  if (metricsUrl) void sampleHeap(metricsUrl);
  const heap = metricsUrl ? setInterval(() => void sampleHeap(metricsUrl), 500) : undefined;
  return {
    peak: () => Math.max(peaks.rss, worker.rssMiB()),
    peaks: () => ({ ...peaks, rss: Math.max(peaks.rss, worker.rssMiB()) }),
    reset: () => {
      peaks = zero();
    },
    stop: () => {
      clearInterval(timer);
      if (heap) clearInterval(heap);
    },
  };
}
