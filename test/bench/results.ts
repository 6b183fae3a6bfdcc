// Every benchmark and fault run leaves a record: docs/benchmarks/runs/<time>-<bench>.json, with the
// command, the commit, the machine's load and every figure and check. docs/BENCHMARKS.md is rendered
// from these records (render-benchmarks.ts), so its summary and its sections come from the same runs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@herald/runtime';

export type BenchName =
  | 'ledger'
  | 'variants'
  | 'broadcast'
  | 'journey'
  | 'realtime'
  | 'callbacks'
  | 'ingest'
  | 'canvas'
  | 'segment'
  | 'faults';
export type Figure = number | string | boolean | null;

/** One completeness check of a run: what it asserts, in words, and whether it held. */
export interface Check {
  what: string;
  ok: boolean;
}

/** A run as recorded. `figures` are the run's numbers; `rows` a table of it (sizes, scenarios). */
export interface RunRecord {
  bench: BenchName;
  at: string;
  command: string;
  commit: string;
  machine: { cores: number; load: { start: number; end: number }; note: string };
  /** Every check held: the figures describe a run that did all its work. */
  complete: boolean;
  checks: Check[];
  figures: Record<string, Figure>;
  rows?: Array<Record<string, Figure>>;
}

export const runsDir = join(repoRoot, 'docs/benchmarks/runs');

/** What the load average said when a run began; call at its start. */
export function startRun(bench: BenchName): {
  bench: BenchName;
  at: Date;
  load: number;
  checks: Check[];
  check(what: string, ok: boolean): boolean;
} {
  const checks: Check[] = [];
  return {
    bench,
    at: new Date(),
    load: loadavg()[0]!,
    checks,
    check(what, ok) {
      checks.push({ what, ok });
      console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
      return ok;
    },
  };
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    // Changes to code, not to the rendered results themselves.
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs/BENCHMARKS.md', ':!docs/benchmarks/runs'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    ).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

/**
 * Writes the run's record and returns its path. The machine note says how busy it was: these
 * machines are shared, and a figure measured beside other work is not a quiet machine's.
 */
export function recordRun(
  run: ReturnType<typeof startRun>,
  command: string,
  figures: Record<string, Figure>,
  rows?: Array<Record<string, Figure>>,
  note?: string,
): string {
  const cores = cpus().length;
  const end = loadavg()[0]!;
  const busiest = Math.max(run.load, end);
  const record: RunRecord = {
    bench: run.bench,
    at: run.at.toISOString(),
    command,
    commit: commit(),
    machine: {
      cores,
      load: { start: Math.round(run.load * 10) / 10, end: Math.round(end * 10) / 10 },
      note: note ?? (busiest >= cores ? 'shared machine, busy with other work' : 'shared machine, quiet'),
    },
    complete: run.checks.length > 0 && run.checks.every((c) => c.ok),
    checks: run.checks,
    figures,
    ...(rows ? { rows } : {}),
  };
  mkdirSync(runsDir, { recursive: true });
  const file = join(runsDir, `${record.at.replace(/[:.]/g, '-')}-${run.bench}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`recorded ${record.complete ? 'a complete' : 'an INCOMPLETE'} ${run.bench} run in ${file}`);
  return file;
}

/** The command line as the user typed it (`./herald bench …`). */
export function commandLine(entry: 'bench' | 'faults'): string {
  return [`./herald ${entry}`, ...process.argv.slice(2)].join(' ');
}
