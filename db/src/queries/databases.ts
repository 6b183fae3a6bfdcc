// Databases on a PostgreSQL server, for `./herald cluster`, which keeps its own (Herald's and the
// Temporal server's) beside whatever else the server holds. Admin statements on one short connection.
import postgres from 'postgres';

/** `url` with its database replaced by `name`. */
export function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

const identifier = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a database name: ${name}`);
  return `"${name}"`;
};

async function withAdmin<T>(adminUrl: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Creates database `name` unless it exists; true when it was created now. */
export function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  return withAdmin(adminUrl, async (sql) => {
    const exists = await sql`select 1 from pg_database where datname = ${name}`;
    if (exists.length > 0) return false;
    await sql.unsafe(`create database ${identifier(name)}`);
    return true;
  });
}

/** Drops database `name` (and its sessions) when it exists. */
export function dropDatabase(adminUrl: string, name: string): Promise<void> {
  return withAdmin(adminUrl, async (sql) => {
    await sql.unsafe(`drop database if exists ${identifier(name)} with (force)`);
  });
}

/** The server's version string; rejects when it cannot be reached with these credentials. */
export function serverVersion(adminUrl: string): Promise<string> {
  return withAdmin(adminUrl, async (sql) => {
    const [row] = await sql<Array<{ v: string }>>`select current_setting('server_version') as v`;
    return row!.v;
  });
}

/** Whether `table` exists in the database at `url` (e.g. a schema tool's version table). */
export function hasTable(url: string, table: string): Promise<boolean> {
  return withAdmin(url, async (sql) => {
    const [row] = await sql<Array<{ t: string | null }>>`select to_regclass(${table})::text as t`;
    return row?.t != null;
  });
}
