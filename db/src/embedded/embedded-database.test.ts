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
});
