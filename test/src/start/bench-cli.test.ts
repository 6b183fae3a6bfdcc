import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@herald/runtime';

/** `./herald bench`'s entry point with `args`, as the script runs it (no database needed to refuse or to help). */
const bench = (...args: string[]) =>
  spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), ['test/bench/run.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('./herald bench on the command line', () => {
  it('--help prints the usage and runs nothing (it used to run every benchmark at a million contacts)', () => {
    const got = bench('--help');
    expect(got.status).toBe(0);
    expect(got.stdout).toContain('--only ledger|variants|ingest|broadcast|journey|realtime|callbacks|canvas|segment');
    expect(got.stdout).not.toContain('Herald benchmarks on');
  });

  it('an option it does not read (a typo) is refused with the usage, before anything runs', () => {
    const got = bench('--only', 'journey', '--sizse', '100000');
    expect(got.status).toBe(2);
    expect(got.stderr).toContain('unknown option --sizse');
    expect(got.stderr).toContain('--sizes 10000,100000,1000000');
    expect(got.stdout).not.toContain('Herald benchmarks on');
  });
});
