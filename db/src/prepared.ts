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
  session: { client: postgres.Sql & Partial<Pick<postgres.Sql, 'reserve'>> };
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
  return run(session.client, dialect, query);
}

function run(client: Pick<postgres.Sql, 'unsafe'>, dialect: PgDialect, query: SQL) {
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (enabled && !texts.has(text) && texts.size < PREPARED_TEXT_LIMIT) texts.add(text);
  const prepare = enabled && texts.has(text);
  return client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare });
}

/**
 * Runs `statements` in order as one transaction, in one round trip on the embedded default: BEGIN, each statement
 * (prepared, as `executePrepared`) and COMMIT are written together on its connection, and their answers awaited
 * together (on a pool of several connections, in three: below). Returns each statement's rows. A statement that
 * fails aborts the transaction (the server runs the rest in the aborted transaction, refusing each, and answers
 * COMMIT with ROLLBACK): nothing is written and the first error is thrown. For statements that need no answer
 * from one another before the next: `db.transaction` waits for BEGIN's answer, then for each statement's, then
 * for COMMIT's — four round trips for two statements, during which the transaction holds its locks (and, on the
 * embedded default, PGlite's one connection). Called with a transaction, runs them in it, one after another.
 */
export async function pipelinedTransaction(db: HeraldDb, statements: readonly SQL[]): Promise<unknown[]> {
  const { dialect, session } = db as unknown as DrizzleInternals;
  if (!session.client.reserve) {
    const results: unknown[] = [];
    for (const statement of statements) results.push(await run(session.client, dialect, statement));
    return results;
  }
  // A pool of several connections sends BEGIN first and the statements together once it is answered (three round
  // trips): reserving a connection waits for one with nothing in flight, and under load the pool keeps pipelining
  // onto busy ones — callbacks waited up to 4.6 s for one (./herald bench --only callbacks, p99 151 ms). With one
  // connection (the embedded default's) reserving it is what any transaction does.
  if ((session.client.options as { max?: number }).max !== 1)
    return session.client.begin((tx) => statements.map((statement) => run(tx, dialect, statement))) as Promise<
      unknown[]
    >;
  const reserved = await session.client.reserve();
  try {
    const sent = [
      reserved.unsafe('begin'),
      ...statements.map((statement) => run(reserved, dialect, statement)),
      reserved.unsafe('commit'),
    ];
    const answers = await Promise.allSettled(sent);
    const failed = answers.find((a): a is PromiseRejectedResult => a.status === 'rejected');
    if (failed) throw failed.reason;
    const commit = (answers.at(-1) as PromiseFulfilledResult<{ command?: string }>).value;
    if (commit.command !== 'COMMIT') throw new Error(`the transaction ended with ${commit.command}, not COMMIT`);
    return answers.slice(1, -1).map((a) => (a as PromiseFulfilledResult<unknown>).value);
  } finally {
    reserved.release();
  }
}

/** How many distinct texts `executePrepared` has prepared in this process (for tests). */
export const preparedTextCount = (): number => texts.size;
