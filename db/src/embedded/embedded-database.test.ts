import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database';

// The embedded database in its own thread, reached over the wire protocol as PostgreSQL is. Herald uses
// one connection; these tests open a second one, as an operator's psql would, to check that one backend
// shared by two connections keeps each connection's transaction whole.
let embedded: EmbeddedDatabase | undefined;
const clients: postgres.Sql[] = [];
const connect = (db: EmbeddedDatabase): postgres.Sql => {
  const client = postgres(db.url, { max: 1, onnotice: () => {} });
  clients.push(client);
  return client;
};
afterEach(async () => {
  for (const client of clients.splice(0)) await client.end({ timeout: 1 }).catch(() => {});
  await embedded?.close();
  embedded = undefined;
});

describe('the embedded database thread', () => {
  it("keeps one connection's transaction whole while another connection queries", async () => {
    embedded = await startEmbeddedDatabase('memory://');
    const a = connect(embedded);
    const b = connect(embedded);
    await a`create table fans (id int primary key)`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedOne = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = a.begin(async (tx) => {
      await tx`insert into fans values (1)`;
      inserted();
      await held;
      await tx`insert into fans values (2)`;
    });
    await insertedOne;
    // b's query waits for a's turn to end (its commit): it sees both rows, never half the transaction.
    const counted = b`select count(*)::int as n from fans`;
    release();
    await transaction;
    expect((await counted)[0]).toEqual({ n: 2 });
  });

  it('rolls back what a connection that went left open, and serves the others', async () => {
    embedded = await startEmbeddedDatabase('memory://');
    const a = connect(embedded);
    const b = connect(embedded);
    await b`create table fans (id int primary key)`;
    let inserted!: () => void;
    const insertedOne = new Promise<void>((resolve) => (inserted = resolve));
    const abandoned = a
      .begin(async (tx) => {
        await tx`insert into fans values (1)`;
        inserted();
        await new Promise(() => {}); // never commits: the connection is ended under it
      })
      .catch((error: unknown) => error);
    await insertedOne;
    await a.end({ timeout: 0 });
    expect(await abandoned).toBeInstanceOf(Error);
    expect(await b`select count(*)::int as n from fans`).toEqual([{ n: 0 }]);
    // The same primary key is free again, and a unique violation still reads as PostgreSQL's.
    await b`insert into fans values (1)`;
    await expect(b`insert into fans values (1)`).rejects.toMatchObject({ code: '23505' });
  });

  it('refuses a connection without its password: other local users reach 127.0.0.1 too', async () => {
    embedded = await startEmbeddedDatabase('memory://');
    const url = new URL(embedded.url);
    url.password = 'guessed';
    const stranger = postgres(url.toString(), { max: 1, onnotice: () => {} });
    clients.push(stranger);
    await expect(stranger`select 1`).rejects.toMatchObject({ code: '28P01' });
    expect(await connect(embedded)`select 1 as one`).toEqual([{ one: 1 }]);
  });

  it('reports a dead thread with a coded error, and queries fail instead of hanging', async () => {
    const db = await startEmbeddedDatabase('memory://');
    const client = connect(db);
    expect(await client`select 1 as one`).toEqual([{ one: 1 }]);
    await db.abort();
    await expect(db.crashed).resolves.toMatchObject({ code: 'HERALD_ERR_DB_CRASHED' });
    await expect(client`select 1 as one`).rejects.toThrow();
  });

  it('writes where its time goes when HERALD_DB_STATS names a file: statements, idle, errors', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'herald-db-stats-')), 'stats');
    // The thread takes the variable from the environment it starts with.
    process.env.HERALD_DB_STATS = file;
    embedded = await startEmbeddedDatabase('memory://').finally(() => delete process.env.HERALD_DB_STATS);
    const client = connect(embedded);
    await client`create table fans (id int primary key)`;
    await client.begin(async (tx) => {
      await tx`insert into fans values (${1})`;
    });
    await expect(client`insert into fans values (${1})`).rejects.toMatchObject({ code: '23505' });
    // The thread writes every 5 s: the totals appear once it has.
    await expect
      .poll(() => (existsSync(`${file}.total`) ? readFileSync(`${file}.total`, 'utf8') : ''), { timeout: 30_000 })
      .toMatch(/ERROR 23505 duplicate key value violates unique constraint "fans_pkey"/);
    const totals = readFileSync(`${file}.total`, 'utf8');
    expect(totals).toMatch(/^busy [\d.]+ s, idle in a transaction [\d.]+ s, \d+ statements in \d+ calls/);
    expect(totals).toMatch(/^2\t\d+ ms\tinsert into fans values \(\$1\)$/m);
    expect(totals).toContain('IDLE IN A TRANSACTION AFTER: begin');
    expect(readFileSync(file, 'utf8')).toMatch(/busy \d+%, idle in a transaction \d+%/);
  });

  it('analyzes a table that grew, so a statement prepared while it was small is planned for its new size', async () => {
    embedded = await startEmbeddedDatabase('memory://', { analyzeEveryMs: 200 });
    const client = connect(embedded);
    await client`create table sends (id serial primary key, batch int, status text)`;
    await client`create index on sends (batch)`;
    await client`insert into sends (batch, status) select g, 'sent' from generate_series(1, 3) g`;
    // A prepared statement called more than five times is planned once for every call after (a generic plan).
    await client.unsafe(`prepare sent_in(int) as select count(*) from sends where batch = $1 and status = 'sent'`);
    for (let i = 0; i < 7; i++) await client.unsafe(`execute sent_in(${i})`);
    const plan = async () =>
      (await client.unsafe(`explain execute sent_in(2)`)).map((r) => Object.values(r)[0] as string).join('\n');
    const small = await plan();
    const stats = async () =>
      (await client`select reltuples::int as n from pg_class where relname = 'sends'`)[0]!.n as number;
    await client`insert into sends (batch, status) select g, 'sent' from generate_series(1, 50000) g`;
    // PGlite runs no autovacuum: the thread analyzes what grew, and the statement's plan is made again.
    await expect.poll(stats, { timeout: 30_000 }).toBe(50_003);
    const grown = await plan();
    expect(grown).not.toEqual(small);
    expect(grown).toMatch(/Index Scan using sends_batch_idx on sends/);
  });
});
