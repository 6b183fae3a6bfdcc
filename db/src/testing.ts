import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { createDb, type DbHandle } from './client';
import { migrateDb, migrationsFolder } from './migrate';
import { insertWorkspace } from './queries/workspaces';
import { insertChannelAccount } from './queries/accounts';
import type { HeraldDb } from './client';

/** The PostgreSQL server tests use (a database on it they may CREATE DATABASE from). */
export const testDatabaseUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/herald_test';

/** The template's name: keyed by the migrations, so a changed schema gets a fresh template. */
export function templateName(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json'))
      hash.update(file).update(readFileSync(join(migrationsFolder, file)));
  }
  return `herald_tpl_${hash.digest('hex').slice(0, 16)}`;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates and migrates the template database once (idempotent; safe when it already exists). */
export async function ensureTemplateDatabase(): Promise<string> {
  const name = templateName();
  const admin = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length > 0) return name;
    const building = `${name}_build_${randomBytes(3).toString('hex')}`;
    await admin.unsafe(`create database "${building}"`);
    try {
      const handle = await createDb({ url: withDatabase(testDatabaseUrl(), building), max: 1 });
      try {
        await migrateDb(handle, withDatabase(testDatabaseUrl(), building));
      } finally {
        await handle.close();
      }
    } catch (error) {
      await admin.unsafe(`drop database if exists "${building}" with (force)`);
      throw error;
    }
    // Rename into place, so a template is never seen half-migrated. A concurrent builder that
    // lost the race drops its copy; any other failure is the caller's to see.
    try {
      await admin.unsafe(`alter database "${building}" rename to "${name}"`);
    } catch (error) {
      await admin.unsafe(`drop database if exists "${building}" with (force)`);
      const won = await admin`select 1 from pg_database where datname = ${name}`;
      if (won.length === 0) throw error;
    }
    return name;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/**
 * Drops test databases a crashed run left behind (their names carry their creation time). Only
 * those older than `olderThanMs`, so other runs on the same server keep theirs. Returns how many.
 */
export async function dropStaleTestDatabases(olderThanMs = 24 * 3600_000): Promise<number> {
  const admin = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    const names = await admin<
      Array<{ datname: string }>
    >`select datname from pg_database where datname like 'herald\_t\_%'`;
    const stale = names
      .map((r) => r.datname)
      .filter((name) => {
        const born = parseInt(name.split('_')[2] ?? '', 36);
        return Number.isFinite(born) && Date.now() - born > olderThanMs;
      });
    for (const name of stale) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    return stale.length;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export interface TestDatabase extends DbHandle {
  url: string;
  name: string;
}

/** A fresh, migrated database for one test file, cloned from the template; close() drops it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTemplateDatabase();
  const name = `herald_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(testDatabaseUrl(), name);
  const handle = await createDb({ url, max: 10 });
  return {
    ...handle,
    url,
    name,
    close: async () => {
      await handle.close();
      const dropper = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

/** A fresh test database (see `createTestDatabase`) with one empty workspace `name`: a query test file's start. */
export async function createTestWorkspace(name: string): Promise<{ db: TestDatabase; workspaceId: string }> {
  const db = await createTestDatabase();
  const workspace = await insertWorkspace(db.db, { name, slug: name.toLowerCase() });
  return { db, workspaceId: workspace.id };
}

/** A channel account of `kind` in a test's workspace, at an address nothing answers (the rows it keys); its id. */
export async function insertTestAccount(
  db: HeraldDb,
  workspaceId: string,
  kind: 'wecom' | 'wechat_service',
): Promise<string> {
  const values = { workspaceId, kind, name: kind, baseUrl: 'http://127.0.0.1:9', credentialsEncrypted: 'x' };
  return (await insertChannelAccount(db, values)).id;
}
