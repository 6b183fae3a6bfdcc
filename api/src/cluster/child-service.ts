// One process the cluster starts and owns: its own process group (so a signal reaches it and its
// children, and a terminal's Ctrl-C reaches only the cluster, which stops them in order), output
// to a log file, a readiness check, and kill/stop/restart for the fault scenarios.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { RuntimeError } from '@herald/runtime';

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
  private stopping = false;
  /** Exits nobody asked for (a crash, an OOM kill), with the end of its log. */
  readonly crashes: Array<{ at: number; output: string }> = [];
  /** Called when the process exits without being asked to (the CLI reports it). */
  onCrash?: (crash: { at: number; output: string }) => void;

  constructor(readonly spec: ChildServiceSpec) {}

  /** The running process's id (undefined when stopped). */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  /** Whether the process is alive. */
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Starts the process and waits until `ready()` resolves (returns the ms it took); a process that exits first fails
   * with its log's tail.
   */
  async start(): Promise<number> {
    const { spec } = this;
    const began = Date.now();
    this.stopping = false;
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
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      const crash = { at: Date.now(), output: `exit ${signal ?? code}: ${this.tail()}` };
      this.crashes.push(crash);
      this.onCrash?.(crash);
    });
    process.once('exit', this.killOnExit);
    let spawnError: Error | undefined;
    child.once('error', (error) => (spawnError = error));
    const deadline = Date.now() + (spec.readyTimeoutMs ?? 90_000);
    for (;;) {
      if (spawnError || !this.running) {
        process.off('exit', this.killOnExit);
        const why = spawnError?.message ?? `exit ${child.exitCode ?? child.signalCode}`;
        throw new RuntimeError(
          'HERALD_ERR_CLUSTER_PROCESS_START',
          `${spec.name} exited before it was ready (${why}); its log ${spec.logFile} ends with:\n${this.tail()}`,
        );
      }
      try {
        await spec.ready();
        return Date.now() - began;
      } catch (error) {
        if (Date.now() > deadline) {
          this.killNow();
          throw new RuntimeError(
            'HERALD_ERR_CLUSTER_PROCESS_START',
            `${spec.name} was not ready within ${Math.round((spec.readyTimeoutMs ?? 90_000) / 1000)} s ` +
              `(${(error as Error).message}); its log ${spec.logFile} ends with:\n${this.tail()}`,
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
    this.stopping = true;
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
    this.stopping = true;
    if (pid && this.running)
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
  }

  /** Resident memory of the process now, in MiB (0 when not running). */
  rssMiB(): number {
    try {
      const line = readFileSync(`/proc/${this.pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('VmRSS:'));
      return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
    } catch {
      return 0;
    }
  }

  /** The last lines of its log. */
  tail(lines = 15): string {
    try {
      // Server logs are JSON lines with stack traces: the start of each line is what a reader needs.
      return readFileSync(this.spec.logFile, 'utf8')
        .trimEnd()
        .split('\n')
        .slice(-lines)
        .map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l))
        .join('\n');
    } catch {
      return '(no log)';
    }
  }
}
