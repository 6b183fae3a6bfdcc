import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, repoRoot } from '@herald/runtime';
import { rowsOf, sql } from '@herald/db';
import { createTestDatabase, type TestDatabase } from '@herald/db/testing';

/** Runs `./herald start`'s entry point with an environment; resolves with its exit code and output. */
function start(
  env: Record<string, string>,
  onReady?: (output: string, kill: () => void) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
      cwd: repoRoot,
      env: { ...process.env, HERALD_DATA_DIR: mkdtempSync(join(tmpdir(), 'herald-start-')), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (onReady && stdout.includes('Press Ctrl-C')) {
        const cb = onReady;
        onReady = undefined;
        cb(stdout, () => child.kill('SIGINT'));
      }
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('./herald start with bad configuration exits with one clear sentence', () => {
  it.each([
    [
      'an unreachable DATABASE_URL',
      { DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none' },
      /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/none.*DATABASE_URL.*\[HERALD_ERR_DB_UNREACHABLE\]/,
    ],
    [
      'a DATABASE_URL that is not a URL',
      { DATABASE_URL: 'not-a-url' },
      /DATABASE_URL is not valid.*\[HERALD_ERR_CONFIG\]/,
    ],
    [
      'an unreachable TEMPORAL_ADDRESS',
      { TEMPORAL_ADDRESS: '127.0.0.1:1', HERALD_SANDBOX: 'off' },
      /cannot reach Temporal at 127\.0\.0\.1:1.*TEMPORAL_ADDRESS.*\[HERALD_ERR_TEMPORAL_UNREACHABLE\]/,
    ],
  ])('%s', async (_name, env, message) => {
    const port = await freePort();
    const { code, stderr } = await start({ PORT: String(port), ...env });
    expect(code).toBe(1);
    expect(
      stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('herald:')),
    ).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a busy port', async () => {
    const { createServer } = await import('node:net');
    const port = await freePort();
    const holder = createServer().listen(port, '127.0.0.1');
    try {
      const { code, stderr } = await start({ PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr).toMatch(
        new RegExp(`port ${port} \\(Herald API\\) is already in use.*PORT.*\\[HERALD_ERR_PORT_BUSY\\]`),
      );
    } finally {
      holder.close();
    }
  });
});

describe('./herald cluster', () => {
  it('exits with one clear sentence when PostgreSQL cannot be reached, before building anything', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/cluster.ts'], {
        cwd: repoRoot,
        env: {
          ...process.env,
          CLUSTER_POSTGRES_URL: 'postgres://postgres:postgres@127.0.0.1:1/postgres',
          HERALD_DATA_DIR: mkdtempSync(join(tmpdir(), 'herald-cluster-')),
        },
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      new RegExp(
        /^herald: cannot connect to PostgreSQL at 127\.0\.0\.1:1 .*CLUSTER_POSTGRES_URL.*/.source +
          /\[HERALD_ERR_CLUSTER_POSTGRES_UNREACHABLE\]$/.source,
      ),
    );
  });
});

/** The application names of Herald's connections to `db`, each once. */
async function poolsOf(db: TestDatabase): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.db.execute(sql`select distinct application_name as name from pg_stat_activity
      where datname = current_database() and application_name like 'herald%' order by 1`),
  );
  return rows.map((r) => r.name);
}

describe('./herald start against external PostgreSQL and Temporal', () => {
  it('answers /health, starts no embedded server, and stops cleanly on Ctrl-C', async () => {
    const db = await createTestDatabase();
    const port = await freePort();
    try {
      let health: unknown;
      let pools: string[] = [];
      const { code, stdout } = await start(
        {
          PORT: String(port),
          DATABASE_URL: db.url,
          TEMPORAL_ADDRESS: process.env.HERALD_TEST_TEMPORAL_ADDRESS!,
          HERALD_SANDBOX: 'off',
          TEMPORAL_TASK_QUEUE: `start-${port}`,
        },
        (_out, kill) => {
          void fetch(`http://127.0.0.1:${port}/health`)
            .then((r) => r.json())
            .then(async (body) => {
              health = body;
              pools = await poolsOf(db);
              kill();
            });
        },
      );
      // The worker has a pool of its own: the webhooks' group commits never wait for a connection a run's lanes hold.
      expect(pools).toEqual(['herald api', 'herald worker']);
      expect(health).toMatchObject({
        status: 'ready',
        database: { ok: true },
        temporal: { ok: true, detail: process.env.HERALD_TEST_TEMPORAL_ADDRESS },
      });
      expect(stdout).not.toContain('Web UI');
      expect(stdout).toContain('stopped.');
      expect(code).toBe(0);
    } finally {
      await db.close();
    }
  });
});
