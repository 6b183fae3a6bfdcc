// The parts an end-to-end benchmark runs for real: a Temporal dev server, Herald worker processes
// (`./herald worker`, so their memory is measured apart from the benchmark's) and the sandbox.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, repoRoot, startTemporalDevServer, type DevServer } from '@herald/activities/runtime';
import { testSecretKey } from '../src/fixtures/seed';

export interface WorkerProcess {
  pid: number;
  /** Resident memory now, in MiB (from /proc). */
  rssMiB(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `scripts/worker.ts` as its own process and waits until it polls. */
export async function startWorkerProcess(env: { databaseUrl: string; temporalAddress: string; taskQueue: string; activities?: number }): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/worker.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env, DATABASE_URL: env.databaseUrl, TEMPORAL_ADDRESS: env.temporalAddress, TEMPORAL_TASK_QUEUE: env.taskQueue,
      HERALD_SECRET_KEY: testSecretKey.toString('hex'), ...(env.activities ? { HERALD_WORKER_ACTIVITIES: String(env.activities) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start in 60 s: ${output}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('polling')) { clearTimeout(timer); resolve(); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`worker exited (${code}): ${output}`)); });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    rssMiB: () => {
      try {
        const line = readFileSync(`/proc/${child.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
        return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
      } catch { return 0; }
    },
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** A headless Temporal dev server on a free port (in memory). */
export async function startDevServer(): Promise<DevServer> {
  return startTemporalDevServer({ port: await freePort() });
}

/** Samples a worker's RSS every `everyMs`; `peak()` since the last `reset()`. */
export function rssSampler(worker: WorkerProcess, everyMs = 250): { peak(): number; reset(): void; stop(): void } {
  let peak = 0;
  const timer = setInterval(() => { peak = Math.max(peak, worker.rssMiB()); }, everyMs);
  return { peak: () => Math.max(peak, worker.rssMiB()), reset: () => { peak = 0; }, stop: () => clearInterval(timer) };
}
