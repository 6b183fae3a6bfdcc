// The embedded default's database: PGlite in a worker thread of its own, serving the PostgreSQL wire
// protocol on 127.0.0.1 (pglite-wire-server.ts). WASM Postgres is single-threaded and synchronous: on
// Herald's own thread every query stalled the HTTP server, the engine and the Temporal worker alike.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DbError } from '../errors';
import type { WireServerData, WireServerMessage } from './pglite-wire-server';

/** PGlite running in its own thread, reachable at `url`. */
export interface EmbeddedDatabase {
  /** postgres://… on 127.0.0.1 for postgres.js. */
  url: string;
  /** For /health and logs. */
  describe: string;
  /** Settles with a coded error if the database thread ends without being asked to (never otherwise). */
  crashed: Promise<DbError>;
  /** Shuts PGlite down cleanly and ends its thread. */
  close(): Promise<void>;
  /** Ends the thread abruptly, as a WASM abort does (for the tests of what a crash does). */
  abort(): Promise<void>;
}

/**
 * Starts PGlite on `dataDir` ('memory://' for an in-memory database) in a worker thread; fails with a coded error.
 * `analyzeEveryMs`: how often its grown tables are analyzed (pglite-wire-server.ts, `ANALYZE_EVERY_MS`).
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  options: { analyzeEveryMs?: number } = {},
): Promise<EmbeddedDatabase> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // A new password each start: only this process learns it (other local users can reach 127.0.0.1 too).
  const password = randomBytes(18).toString('base64url');
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir, password, ...options } satisfies WireServerData,
  });
  let closing = false;
  let reportCrash: (error: DbError) => void = () => {};
  const crashed = new Promise<DbError>((resolve) => (reportCrash = resolve));
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const whereabouts = inMemory ? 'in memory' : `in ${dataDir}`;
  const crash = (why: string): void =>
    reportCrash(
      new DbError(
        'HERALD_ERR_DB_CRASHED',
        `the embedded database (${whereabouts}) stopped unexpectedly (${why}); Herald stops too: start it again.`,
      ),
    );

  const port = await new Promise<number>((resolve, reject) => {
    const cannotOpen = (why: string) =>
      new DbError(
        'HERALD_ERR_DB_UNREACHABLE',
        `cannot open the embedded database ${whereabouts} (${why}); ` +
          'is another Herald using it? Stop it or set HERALD_DATA_DIR.',
      );
    worker.once('message', (message: WireServerMessage) => {
      if (message.kind === 'ready') resolve(message.port);
      else reject(cannotOpen(message.message));
    });
    worker.once('error', (error) => reject(cannotOpen(error.message)));
    void exited.then((code) => reject(cannotOpen(`its thread exited with code ${code}`)));
  });

  worker.on('error', (error) => {
    if (!closing) crash(error.message);
  });
  void exited.then((code) => {
    if (!closing) crash(`its thread exited with code ${code}`);
  });
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    describe: `pglite ${inMemory ? '(in memory)' : dataDir}, own thread on 127.0.0.1:${port}`,
    crashed,
    async close() {
      if (closing) return;
      closing = true;
      worker.postMessage('close');
      const code = await exited;
      if (code !== 0) throw new Error(`the embedded database's thread exited with code ${code} while closing`);
    },
    async abort() {
      await worker.terminate();
    },
  };
}
