import type { SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { HeraldDb } from './client';

/**
 * How many distinct statement texts this process prepares at most; past it a statement runs unnamed, as
 * `db.execute` runs every statement. postgres.js keeps a connection's prepared statements for the
 * connection's life (PostgreSQL a plan cache entry for each, per backend): a statement whose text varied with
 * its data (an IN list of as many parameters as values) would otherwise grow both without end.
 */
export const PREPARED_TEXT_LIMIT = 256;

const texts = new Set<string>();
let enabled = true;

/**
 * Turns named prepared statements on or off for this process (`HERALD_DB_PREPARED`): off behind a pooler that
 * cannot keep them for a client, e.g. PgBouncer in transaction mode before 1.21 (or without
 * max_prepared_statements); `executePrepared` then runs its statements unnamed, as `db.execute` does.
 */
export function usePreparedStatements(on: boolean): void {
  enabled = on;
}

/** What `executePrepared` reaches inside a drizzle database or transaction (postgres.js underneath: client.ts). */
interface DrizzleInternals {
  dialect: PgDialect;
  session: { client: postgres.Sql };
}

/**
 * Runs `query` as `db.execute` does (same rows, in `db`'s transaction when `db` is one), but as a named prepared
 * statement of its connection: PostgreSQL parses and analyses it once per connection instead of at every call,
 * and after five calls plans it once when a generic plan costs no more than the custom ones did. drizzle's
 * `execute` sends every statement unnamed, so each call was parsed, analysed and planned again: a fifth of
 * PostgreSQL's CPU in a 60,000-follow storm (perf: planner 13%, parse and analysis 7%), where the same few
 * statements run thousands of times. For the hot statements whose text is fixed by their call site (their values
 * are parameters, lists one array or JSON parameter): a text that varies with the data is what
 * `PREPARED_TEXT_LIMIT` guards against.
 */
export function executePrepared(db: HeraldDb, query: SQL): Promise<unknown> {
  const { dialect, session } = db as unknown as DrizzleInternals;
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (enabled && !texts.has(text) && texts.size < PREPARED_TEXT_LIMIT) texts.add(text);
  const prepare = enabled && texts.has(text);
  return session.client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare });
}

/** How many distinct texts `executePrepared` has prepared in this process (for tests). */
export const preparedTextCount = (): number => texts.size;
