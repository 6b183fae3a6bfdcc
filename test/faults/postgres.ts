// A throwaway PostgreSQL cluster for the fault suite, so restarting it never touches the shared
// server on 5432 that other test runs use. PostgreSQL refuses to run as root: when the suite runs
// as root (CI, these machines), the cluster's commands run as the existing `postgres` system user
// through runuser, on a folder created for it in the temp dir.
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@herald/runtime';
import { run } from './processes';

const bin = process.env.HERALD_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  url: string;
  port: number;
  restart(downMs: number): Promise<number>;
  stop(): void;
}

/** initdb + pg_ctl start on a free port of 127.0.0.1; `restart` crashes it (immediate stop) and starts it again. */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const root = process.getuid?.() === 0;
  const user = root ? 'postgres' : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'herald-faults-pg-'));
  if (root) {
    const uid = Number(run('id', ['-u', 'postgres']).trim());
    const gid = Number(run('id', ['-g', 'postgres']).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  run(`${bin}/initdb`, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], user);
  const start = (): void => {
    run(
      `${bin}/pg_ctl`,
      [
        '-D',
        data,
        '-l',
        join(dir, 'log'),
        '-w',
        '-t',
        '60',
        '-o',
        `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c max_connections=100`,
        'start',
      ],
      user,
    );
  };
  start();
  run(`${bin}/createdb`, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'herald'], user);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/herald`,
    port,
    restart: async (downMs) => {
      const began = Date.now();
      run(`${bin}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop'], user);
      await new Promise((r) => setTimeout(r, downMs));
      start();
      return Date.now() - began;
    },
    stop: () => {
      try {
        run(`${bin}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop'], user);
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
