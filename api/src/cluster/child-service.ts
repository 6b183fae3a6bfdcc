// One process the cluster starts and owns: its own process group (so a signal reaches it and its
// children, and a terminal's Ctrl-C reaches only the cluster, which stops them in order), output
// to a log file, a readiness check, and kill/stop/restart for the fault scenarios.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { RuntimeError } from '@herald/activities/runtime';

export interface ChildServiceSpec {
  /** A short name for messages: `api 1`, `worker 2`, `temporal`. */
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Where its stdout and stderr go (appended). */
  logFile: string;
  /** Resolves when the process can serve; rejects (to be retried) until then. */
  ready: () => Promise<void>;
  readyTimeoutMs?: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A child process of the cluster, started, probed until ready, killed or stopped on request. */
export class ChildService {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly killOnExit = (): void => this.killNow();

  constructor(readonly spec: ChildServiceSpec) {}

  /** The running process's id (undefined when stopped). */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  /** Whether the process is alive. */
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and waits until `ready()` resolves; a process that exits first fails with its log's tail. */
  async start(): Promise<void> {
    const { spec } = this;
    const log = openSync(spec.logFile, 'a');
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', log, log],
      detached: true,
    });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    process.once('exit', this.killOnExit);
    let spawnError: Error | undefined;
    child.once('error', (error) => (spawnError = error));
    const deadline = Date.now() + (spec.readyTimeoutMs ?? 90_000);
    for (;;) {
      if (spawnError || !this.running) {
        process.off('exit', this.killOnExit);
        throw new RuntimeError(
          'HERALD_ERR_CLUSTER_PROCESS_START',
          `${spec.name} exited before it was ready (${spawnError?.message ?? `exit ${child.exitCode ?? child.signalCode}`}); its log ${spec.logFile} ends with:\n${this.tail()}`,
        );
      }
      try {
        await spec.ready();
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          this.killNow();
          throw new RuntimeError(
            'HERALD_ERR_CLUSTER_PROCESS_START',
            `${spec.name} was not ready within ${Math.round((spec.readyTimeoutMs ?? 90_000) / 1000)} s (${(error as Error).message}); its log ${spec.logFile} ends with:\n${this.tail()}`,
          );
        }
        await pause(250);
      }
    }
  }

  /** Sends `signal` to its process group and waits for it to exit (SIGKILL after 20 s). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const pid = this.child?.pid;
    if (!pid || !this.running) return;
    try {
      process.kill(-pid, signal);
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => this.killNow(), 20_000);
    await this.exited;
    clearTimeout(timer);
    process.off('exit', this.killOnExit);
  }

  /** Stops it gracefully (SIGTERM: workers finish their activities, the API drains). */
  stop(): Promise<void> {
    return this.kill('SIGTERM');
  }

  /** SIGKILLs its process group at once, synchronously (exit handlers). */
  killNow(): void {
    const pid = this.child?.pid;
    if (pid && this.running)
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
  }

  /** The last lines of its log. */
  tail(lines = 15): string {
    try {
      return readFileSync(this.spec.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
