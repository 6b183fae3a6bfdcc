// Child processes the fault suite starts and kills: workers, the API, PostgreSQL's pg_ctl.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { repoRoot } from '@herald/runtime';

/**
 * A TypeScript entry run by Node itself (`node --import tsx`, so the pid is the process doing the
 * work: Temporal names a worker by it, and its memory is read from /proc) in its own process group.
 */
export class NodeProcess {
  private child: ChildProcess | undefined;
  private output = '';
  starts = 0;
  kills = 0;
  /** Restart it when it exits on its own, as systemd or Kubernetes would (bounded: 10 times). */
  supervise = false;
  /** Exits nobody asked for, with the last lines it printed. */
  readonly crashes: Array<{ at: number; output: string }> = [];
  private stopping = false;

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: Record<string, string>,
    private readonly readyLine: RegExp,
    /** Node flags before the script (e.g. `--max-old-space-size=128`). */
    private readonly nodeFlags: readonly string[] = [],
  ) {}

  /** Starts the process and waits (bounded) for its ready line on stdout. */
  async start(timeoutMs = 60_000): Promise<number> {
    const started = Date.now();
    this.output = '';
    // HERALD_CPU_PROF=<dir>: each process writes a V8 CPU profile there as it exits (NODE_OPTIONS refuses it).
    const profile = process.env.HERALD_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.HERALD_CPU_PROF}`] : [];
    const child = spawn(process.execPath, [...profile, ...this.nodeFlags, '--import', 'tsx', this.script], {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    this.child = child;
    this.starts++;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`${this.name} printed no ready line within ${timeoutMs} ms:\n${this.output.slice(-2000)}`)),
        timeoutMs,
      );
      const onData = (chunk: Buffer): void => {
        this.output = (this.output + chunk.toString()).slice(-20_000);
        if (this.readyLine.test(this.output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${signal ?? code}) before it was ready:\n${this.output.slice(-2000)}`));
      });
    });
    this.stopping = false;
    await ready;
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      this.crashes.push({ at: Date.now(), output: `exit ${signal ?? code}: ${this.output.slice(-1500)}` });
      if (this.supervise && this.crashes.length <= 10) void this.restartUntilUp();
    });
    return Date.now() - started;
  }

  /** The supervisor's restart: tries again every 2 s (what it depends on may still be down), for at most 2 minutes. */
  private async restartUntilUp(): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && !this.stopping) {
      await new Promise((r) => setTimeout(r, 2000));
      if (this.stopping) return;
      try {
        await this.start();
        return;
      } catch {
        // It exited again before it was ready (e.g. PostgreSQL still down): retry.
      }
    }
  }

  /** Sends a signal to the whole process group and waits for the process to exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    this.stopping = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
    this.kills += signal === 'SIGKILL' ? 1 : 0;
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      await exited;
    }
  }

  /** SIGKILLs the process group at once, synchronously (for exit handlers). */
  killNow(): void {
    const pid = this.child?.pid;
    if (pid && this.child?.exitCode === null && this.child.signalCode === null)
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
  }

  /** The running process's id. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Resident memory now, in MiB (from /proc; 0 when not running). */
  rssMiB(): number {
    try {
      const line = readFileSync(`/proc/${this.child?.pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('VmRSS:'));
      return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
    } catch {
      return 0;
    }
  }

  /** The last lines it printed (for failure reports). */
  tail(): string {
    return this.output.slice(-3000);
  }
}

/** Runs a command synchronously (as `user` when given and we are root); throws with its output on failure. */
export function run(command: string, args: string[], user?: string): string {
  const [cmd, argv] =
    user && process.getuid?.() === 0 ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`,
    );
  return result.stdout;
}
