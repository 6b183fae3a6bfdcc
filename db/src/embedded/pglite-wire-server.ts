// The embedded database's own thread: PGlite (PostgreSQL compiled to WASM, single-threaded, one backend)
// serving the PostgreSQL wire protocol on 127.0.0.1, so Herald talks to it with postgres.js exactly as to
// PostgreSQL and its event loop never runs a query. Started by embedded-database.ts through
// pglite-worker.mjs; not imported by anything else.
import { createServer, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  CANCEL_REQUEST,
  GSSENC_REQUEST,
  SSL_REQUEST,
  carriesPassword,
  parsedStatementName,
  passwordRequest,
  simpleQuery,
  sync,
  wrongPassword,
} from './wire-messages';
import { StatementStats } from './statement-stats';

/** What the main thread passes to the worker. */
export interface WireServerData {
  /** PGlite folder, or 'memory://'. */
  dataDir: string;
  /** The password every connection must give: the port is on 127.0.0.1, but other local users reach it too. */
  password: string;
  /** How often grown tables are looked for and analyzed (`ANALYZE_EVERY_MS` when absent). */
  analyzeEveryMs?: number;
}

/** What the worker posts back: the port it serves on, or why it could not open the database. */
export type WireServerMessage = { kind: 'ready'; port: number } | { kind: 'failed'; message: string };

/** Batches served per turn of the worker's event loop, so new bytes and closes are still read meanwhile. */
const BATCHES_PER_TICK = 64;
/** Messages handed to PGlite in one call: one call per message cost ~3× as much per query, measured. */
const MESSAGES_PER_BATCH = 256;

/**
 * PGlite runs no autovacuum, so nothing else ever refreshes its planner statistics: a table's stay those of its
 * last ANALYZE (or none), and a prepared statement's generic plan, made once five calls in, is never made again
 * (PostgreSQL makes it again when its tables' statistics change). Herald prepares its hot statements, so in an
 * embedded storm a settlement planned while the ledger was nearly empty kept that plan as the ledger grew: one run
 * took 32 ms a settlement where others took 2.6 ms (same code, HERALD_DB_STATS), PGlite busy 94% instead of ~75%.
 * Every `ANALYZE_EVERY_MS`, between turns, the tables that grew by a fifth (at least 16 pages) since their last
 * ANALYZE are analyzed — growth as autovacuum's analyze threshold counts changes (PGlite keeps no such counts:
 * pg_stat_user_tables stays at zero); ANALYZE updates their statistics and so the plans made from them.
 */
export const ANALYZE_EVERY_MS = 10_000;
const analyzeGrownTables = `DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT c.oid::regclass AS t FROM pg_class c
    WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
      AND pg_relation_size(c.oid) / current_setting('block_size')::int > greatest(c.relpages * 1.2, c.relpages + 16)
  LOOP EXECUTE format('ANALYZE %s', r.t); END LOOP;
END $$`;

/** One client connection: its unparsed bytes, its whole messages waiting for the backend, its statements. */
interface Session {
  socket: Socket;
  pending: Buffer;
  messages: Buffer[];
  /** startup (before its StartupMessage), password (asked for it), ready (its startup is queued for PGlite). */
  phase: 'startup' | 'password' | 'ready';
  /** Its StartupMessage, held until the password is right. */
  startup?: Buffer;
  /** Whether its startup message went through the backend (the first message served is it). */
  greeted: boolean;
  /** Named prepared statements it created: deallocated when it goes, so a reconnecting pool leaks none. */
  statements: Set<string>;
}

/**
 * Serves PGlite's single backend to any number of connections, one *turn* at a time: a connection owns
 * the backend from its first message until a Sync or simple Query leaves it outside a transaction block,
 * so one client's extended-protocol sequence or transaction never interleaves with another's. Herald
 * itself uses one connection (postgres.js `max: 1`, pipelined); more are for an operator's psql.
 */
class WireServer {
  private readonly sessions: Session[] = [];
  private owner: Session | null = null;
  private scheduled = false;
  private closing = false;
  /** Housekeeping statements for gone connections, run between turns. */
  private readonly chores: string[] = [];
  private readonly stats = new StatementStats();

  constructor(
    private readonly pg: PGlite,
    private readonly password: string,
  ) {}

  /** Runs `statement` between turns (outside any connection's transaction), once however often asked meanwhile. */
  chore(statement: string): void {
    if (!this.chores.includes(statement)) this.chores.push(statement);
    this.schedule();
  }

  /** Takes a new connection. */
  accept(socket: Socket): void {
    socket.setNoDelay(true);
    const session: Session = {
      socket,
      pending: Buffer.alloc(0),
      messages: [],
      phase: 'startup',
      greeted: false,
      statements: new Set(),
    };
    this.sessions.push(session);
    socket.on('data', (chunk: Buffer) => {
      session.pending = session.pending.length ? Buffer.concat([session.pending, chunk]) : chunk;
      this.frame(session);
      this.schedule();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.drop(session));
  }

  /** Closes every connection (the database is closing). */
  closeAll(): void {
    this.closing = true;
    for (const session of [...this.sessions]) session.socket.destroy();
  }

  /** Splits a session's bytes into whole messages; answers the pre-startup requests and the password itself. */
  private frame(s: Session): void {
    for (;;) {
      if (s.phase === 'startup') {
        if (s.pending.length < 8) return;
        const length = s.pending.readInt32BE(0);
        const code = s.pending.readInt32BE(4);
        if (s.pending.length < length) return;
        const message = s.pending.subarray(0, length);
        s.pending = s.pending.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) s.socket.write('N');
        else if (code === CANCEL_REQUEST) s.socket.end();
        else {
          s.startup = message;
          s.phase = 'password';
          s.socket.write(passwordRequest());
        }
        continue;
      }
      if (s.pending.length < 5) return;
      const length = 1 + s.pending.readInt32BE(1);
      if (s.pending.length < length) return;
      const message = s.pending.subarray(0, length);
      s.pending = s.pending.subarray(length);
      if (s.phase === 'ready') s.messages.push(message);
      else if (carriesPassword(message, this.password)) {
        s.phase = 'ready';
        s.messages.push(s.startup!);
      } else {
        s.socket.end(wrongPassword());
        return;
      }
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.serve();
    });
  }

  /** Runs waiting messages through the backend; a PGlite exception is not caught: it ends the thread. */
  private serve(): void {
    if (this.closing) return;
    const corked = new Set<Session>();
    try {
      for (let served = 0; served < BATCHES_PER_TICK; served++) {
        if (!this.owner) for (const chore of this.chores.splice(0)) this.pg.execProtocolRawSync(simpleQuery(chore));
        const s = this.owner ?? this.next();
        // Idle, or the owner is mid-turn and its next message has not arrived yet.
        if (!s || s.messages.length === 0) return;
        this.owner = s;
        if (!corked.has(s)) {
          s.socket.cork();
          corked.add(s);
        }
        this.run(s);
      }
      this.schedule();
    } finally {
      for (const s of corked) s.socket.uncork();
    }
  }

  /** The next session with a message, round robin (the finished owner goes to the back). */
  private next(): Session | undefined {
    const i = this.sessions.findIndex((s) => s.messages.length > 0);
    if (i < 0) return undefined;
    const [s] = this.sessions.splice(i, 1);
    this.sessions.push(s!);
    return s;
  }

  /**
   * Runs the owner's next messages in one PGlite call: its startup alone; else up to the end of its turn,
   * or all it has sent (pipelined statements) when no other connection waits.
   */
  private run(s: Session): void {
    if (!s.greeted) {
      s.greeted = true;
      this.execute(s, [s.messages.shift()!], true);
      return;
    }
    const alone = !this.sessions.some((other) => other !== s && other.messages.length > 0);
    const batch: Buffer[] = [];
    let endsTurn = false;
    while (s.messages.length > 0 && batch.length < MESSAGES_PER_BATCH) {
      const type = s.messages[0]![0];
      if (type === 0x58 /* X: Terminate, which would end PGlite's only backend */) {
        if (batch.length > 0) break;
        // The turn stays its own until the socket closes: drop() rolls back what it left open first.
        s.messages.length = 0;
        s.socket.end();
        return;
      }
      const message = s.messages.shift()!;
      batch.push(message);
      if (type === 0x50 /* P: Parse */) {
        const name = parsedStatementName(message);
        if (name) s.statements.add(name);
      }
      // Sync and Query end with ReadyForQuery: the turn ends there unless a transaction is open.
      endsTurn = type === 0x53 /* S */ || type === 0x51; /* Q */
      if (endsTurn && !alone) break;
    }
    this.execute(s, batch, endsTurn);
  }

  private execute(s: Session, batch: Buffer[], endsTurn: boolean): void {
    const started = this.stats.on ? performance.now() : 0;
    const out = this.pg.execProtocolRawSync(batch.length === 1 ? batch[0]! : Buffer.concat(batch));
    if (this.stats.on) this.stats.record(batch, out, started, performance.now(), this.pg.isInTransaction());
    if (out.length && s.socket.writable) s.socket.write(out);
    if (endsTurn && !this.pg.isInTransaction()) this.owner = null;
  }

  /** A connection went: end what it left open, drop its statements (between turns), let the others in. */
  private drop(s: Session): void {
    const i = this.sessions.indexOf(s);
    if (i >= 0) this.sessions.splice(i, 1);
    if (this.closing) return;
    if (this.owner === s) {
      // A Sync ends a half-sent extended-protocol sequence; a transaction block it left open is rolled back.
      this.pg.execProtocolRawSync(sync());
      if (this.pg.isInTransaction()) this.pg.execProtocolRawSync(simpleQuery('ROLLBACK'));
      this.owner = null;
    }
    for (const name of s.statements) this.chore(`DEALLOCATE "${name.replaceAll('"', '""')}"`);
    this.schedule();
  }
}

async function main(): Promise<void> {
  const { dataDir, password, analyzeEveryMs } = workerData as WireServerData;
  let pg: PGlite;
  try {
    // The migrations create pg_trgm (name search), so its WASM extension is loaded on every open.
    pg = new PGlite({ ...(dataDir.startsWith('memory://') ? {} : { dataDir }), extensions: { pg_trgm } });
    await pg.waitReady;
  } catch (cause) {
    parentPort!.postMessage({ kind: 'failed', message: String(cause) } satisfies WireServerMessage);
    return;
  }
  const wire = new WireServer(pg, password);
  setInterval(() => wire.chore(analyzeGrownTables), analyzeEveryMs ?? ANALYZE_EVERY_MS).unref();
  const server = createServer((socket) => wire.accept(socket));
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    parentPort!.postMessage({ kind: 'ready', port } satisfies WireServerMessage);
  });
  parentPort!.on('message', (message: unknown) => {
    if (message !== 'close') return;
    server.close();
    wire.closeAll();
    // PGlite's close shuts its backend down cleanly (a checkpoint on disk); then the thread ends.
    void pg.close().then(() => process.exit(0));
  });
}

void main();
