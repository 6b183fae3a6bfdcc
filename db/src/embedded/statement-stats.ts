// Where the embedded database's time goes, for benchmarks: with HERALD_DB_STATS=<file> its thread writes, every
// 5 s, how busy PGlite was, how long a transaction held it idle waiting for the client's next message, and
// the statements it ran; `<file>.total` holds the totals since start, by statement, costliest first.
// Counting happens in the thread that runs the statements, so nothing is guessed from the client's side.
import { appendFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const INTERVAL_MS = 5000;

interface Totals {
  /** ms inside PGlite. */
  busy: number;
  /** ms a transaction left open held the backend, waiting for its client. */
  idleInTransaction: number;
  calls: number;
  statements: number;
}

const zero = (): Totals => ({ busy: 0, idleInTransaction: 0, calls: 0, statements: 0 });

/** Counts what one PGlite call ran; a no-op unless HERALD_DB_STATS names a file. */
export class StatementStats {
  private readonly file = process.env.HERALD_DB_STATS;
  private readonly textOf = new Map<string, string>();
  private readonly byText = new Map<string, { n: number; ms: number }>();
  private interval = zero();
  private readonly total = zero();
  private idleSince = 0;
  private lastText = '';
  private intervalStart = performance.now();

  constructor() {
    if (this.file) setInterval(() => this.write(), INTERVAL_MS).unref();
  }

  /** Whether stats are kept (callers skip the clock otherwise). */
  get on(): boolean {
    return this.file !== undefined;
  }

  /** One call: its messages, when it started and ended, and whether it left a transaction open. */
  record(batch: readonly Buffer[], out: Uint8Array, started: number, ended: number, inTransaction: boolean): void {
    this.countErrors(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
    if (this.idleSince) {
      this.interval.idleInTransaction += started - this.idleSince;
      this.count(`IDLE IN A TRANSACTION AFTER: ${this.lastText}`, started - this.idleSince);
    }
    this.idleSince = inTransaction ? ended : 0;
    this.interval.busy += ended - started;
    this.interval.calls++;
    const texts: string[] = [];
    for (const m of batch) {
      const type = m[0];
      if (type === 0x50 /* P */) this.textOf.set(cstring(m, 5), shape(cstring(m, m.indexOf(0, 5) + 1)));
      else if (type === 0x42 /* B: portal name, then the statement's */)
        texts.push(this.textOf.get(cstring(m, m.indexOf(0, 5) + 1)) ?? '?');
      else if (type === 0x51 /* Q */) texts.push(shape(cstring(m, 5)));
    }
    this.interval.statements += texts.length;
    for (const text of texts) this.count(text, (ended - started) / texts.length);
    this.lastText = texts.at(-1) ?? this.lastText;
  }

  private count(key: string, ms: number): void {
    const s = this.byText.get(key) ?? this.byText.set(key, { n: 0, ms: 0 }).get(key)!;
    s.n++;
    s.ms += ms;
  }

  /** ErrorResponses in a call's output, by SQLSTATE and message. */
  private countErrors(out: Buffer): void {
    for (let at = 0; at + 5 <= out.length; at += 1 + out.readInt32BE(at + 1)) {
      if (out[at] !== 0x45 /* E */) continue;
      const fields = out.toString('utf8', at + 5, at + 1 + out.readInt32BE(at + 1)).split('\0');
      const field = (code: string) => fields.find((f) => f.startsWith(code))?.slice(1) ?? '';
      const key = `ERROR ${field('C')} ${field('M')}`.slice(0, 120);
      this.count(key, 0);
    }
  }

  private write(): void {
    const now = performance.now();
    const i = this.interval;
    const pct = (ms: number) => `${((ms / (now - this.intervalStart)) * 100).toFixed(0)}%`;
    appendFileSync(
      this.file!,
      `${new Date().toISOString()} busy ${pct(i.busy)}, idle in a transaction ${pct(i.idleInTransaction)}, ` +
        `${i.statements} statements in ${i.calls} calls\n`,
    );
    for (const key of ['busy', 'idleInTransaction', 'calls', 'statements'] as const) this.total[key] += i[key];
    this.interval = zero();
    this.intervalStart = now;
    const t = this.total;
    const rows = [...this.byText].sort((a, b) => b[1].ms - a[1].ms || b[1].n - a[1].n);
    writeFileSync(
      `${this.file!}.total`,
      `busy ${(t.busy / 1000).toFixed(1)} s, idle in a transaction ${(t.idleInTransaction / 1000).toFixed(1)} s, ` +
        `${t.statements} statements in ${t.calls} calls\n` +
        rows.map(([text, s]) => `${s.n}\t${s.ms.toFixed(0)} ms\t${text}`).join('\n') +
        '\n',
    );
  }
}

/** The NUL-terminated string at `at`. */
const cstring = (m: Buffer, at: number): string => m.toString('utf8', at, m.indexOf(0, at));

/** A statement's text on one line, its parameter lists folded (`$1, $2, $3` → `$…`), cut to 120 characters. */
const shape = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\$\d+(, \$\d+)+/g, '$…')
    .trim()
    .slice(0, 120);
