import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import * as schema from './schema/index';
import { DbError } from './errors';

/** The drizzle database Herald code uses, whichever driver is underneath. */
export type HeraldDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: HeraldDb;
  kind: 'postgres' | 'pglite';
  /** A short description for /health and logs (host and database, or the PGlite folder). */
  describe: string;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** postgres://… ; absent → embedded PGlite. */
  url?: string;
  /** PGlite folder, or 'memory://' for an in-memory database. */
  dataDir?: string;
  /** postgres.js pool size (default 10). */
  max?: number;
}

/** Opens the database: postgres.js for a URL, PGlite otherwise; fails fast with a coded error. */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  if (options.url) return openPostgres(options.url, options.max ?? 10);
  return openPglite(options.dataDir ?? '.data/pglite');
}

async function openPostgres(url: string, max: number): Promise<DbHandle> {
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
  const client = postgres(url, { max, connect_timeout: 5, onnotice: () => {} });
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
  return { db, kind: 'postgres', describe: `postgres ${where}`, close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dataDir: string): Promise<DbHandle> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  let client: PGlite;
  try {
    // The migrations create pg_trgm (name search), so its WASM extension is loaded on every open.
    client = new PGlite({ ...(inMemory ? {} : { dataDir }), extensions: { pg_trgm } });
    await client.waitReady;
  } catch (cause) {
    throw new DbError(
      'HERALD_ERR_DB_UNREACHABLE',
      `cannot open the embedded database in ${dataDir} (${String(cause)}); ` +
        'is another Herald using it? Stop it or set HERALD_DATA_DIR.',
      { cause },
    );
  }
  const db = drizzlePglite(client, { schema }) as unknown as HeraldDb;
  return {
    db,
    kind: 'pglite',
    describe: inMemory ? 'pglite (in memory)' : `pglite ${dataDir}`,
    close: () => client.close(),
  };
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
