import { ensureTemplateDatabase } from '@herald/db/testing';

/** Creates the migrated template database once per run; each test file clones it. */
export async function setupDatabase(): Promise<() => Promise<void>> {
  await ensureTemplateDatabase();
  return async () => {};
}
