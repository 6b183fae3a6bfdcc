import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index';
import { DbError } from './errors';
import { startEmbeddedDatabase } from './embedded/embedded-database';

/** The drizzle database Herald code uses, whichever driver is underneath. */
export type HeraldDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: HeraldDb;
  kind: 'postgres' | 'pglite';
  /** A short description for /health and logs (host and database, or the PGlite folder). */
  describe: string;
  /** The URL postgres.js connected to (the embedded database's own, on 127.0.0.1, for PGlite). */
  url: string;
  /** Embedded only: settles with a coded error if the database thread dies; the caller must stop. */
  crashed?: Promise<DbError>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** postgres://… ; absent → embedded PGlite. */
  url?: string;
  /** PGlite folder, or 'memory://' for an in-memory database. */
  dataDir?: string;
  /** postgres.js pool size (default 10). */
  max?: number;
  /** PostgreSQL only: the pool's application_name, which pg_stat_activity shows (e.g. `herald worker`). */
  name?: string;
}

/**
 * Opens the database, always through postgres.js: the URL's PostgreSQL, or else embedded PGlite started in
 * a thread of its own and reached on 127.0.0.1; fails fast with a coded error.
 */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  if (options.url) return openPostgres(options.url, options.max ?? 10, options.name);
  return openPglite(options.dataDir ?? '.data/pglite');
}

async function openPostgres(url: string, max: number, name?: string): Promise<DbHandle> {
  let where: string;
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch (cause) {
    throw new DbError(
      'HERALD_ERR_DB_URL',
      'DATABASE_URL is not a valid URL; expected postgres://user:password@host:port/database.',
      { cause },
    );
  }
  const client = postgres(url, {
    max,
    connect_timeout: 5,
    onnotice: () => {},
    ...(name ? { connection: { application_name: name } } : {}),
  });
  try {
    await client`select 1`;
  } catch (cause) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new DbError(
      'HERALD_ERR_DB_UNREACHABLE',
      `cannot connect to PostgreSQL at ${where} (${reasonOf(cause)}); ${fixFor(cause)}`,
      { cause },
    );
  }
  const db = drizzlePostgres(client, { schema }) as unknown as HeraldDb;
  return { db, kind: 'postgres', describe: `postgres ${where}`, url, close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dataDir: string): Promise<DbHandle> {
  const embedded = await startEmbeddedDatabase(dataDir);
  try {
    // One connection: PGlite has one backend anyway, and postgres.js pipelines queries on it (a
    // transaction holds it, as PGlite's own transaction lock did when it ran in this thread).
    const handle = await openPostgres(embedded.url, 1);
    return {
      ...handle,
      kind: 'pglite',
      describe: embedded.describe,
      crashed: embedded.crashed,
      close: async () => {
        await handle.close().catch(() => {});
        await embedded.close();
      },
    };
  } catch (error) {
    await embedded.close().catch(() => {});
    throw error;
  }
}

/** The server's own words, or the socket error's code when its message is empty. */
function reasonOf(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as { code?: unknown }).code;
  return cause.message || (typeof code === 'string' ? code : cause.name);
}

/** What the operator should change, by PostgreSQL's SQLSTATE (28xxx auth, 3D000 no database). */
function fixFor(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  if (code === '28P01' || code === '28000') return 'check the user and password in DATABASE_URL.';
  if (code === '3D000') return 'create that database (createdb) or fix its name in DATABASE_URL.';
  return (
    'check that PostgreSQL is running there and DATABASE_URL names it, ' +
    'or unset DATABASE_URL to use the embedded database.'
  );
}

/** Runs `select 1`: the /health probe. */
export async function pingDb(db: HeraldDb): Promise<void> {
  await db.execute(sql`select 1`);
}
