import { fileURLToPath } from 'node:url';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { DbHandle } from './client';

/** The committed drizzle-kit migrations. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Applies the committed migrations on a dedicated single connection (so the advisory lock and the DDL
 * share one session). The embedded database's pool is that one connection already: it migrates on it.
 */
export async function migrateDb(handle: DbHandle, url: string = handle.url): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePostgres(handle.db as unknown as Parameters<typeof migratePostgres>[0], { migrationsFolder });
    return;
  }
  const single = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migratePostgres(drizzlePostgres(single), { migrationsFolder });
  } finally {
    await single.end({ timeout: 5 });
  }
}
