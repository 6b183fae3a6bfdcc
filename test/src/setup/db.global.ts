import { dropStaleTestDatabases, ensureTemplateDatabase } from '@herald/db/testing';

/**
 * Creates the migrated template database once per run (built from scratch when this schema has
 * none yet); each test file clones it with createTestDatabase(). Also drops test databases that
 * crashed runs left behind more than a day ago.
 */
export async function setupDatabase(): Promise<() => Promise<void>> {
  const started = Date.now();
  const [template, dropped] = await Promise.all([ensureTemplateDatabase(), dropStaleTestDatabases()]);
  console.log(
    `db: template ${template} ready in ${Date.now() - started} ms` +
      (dropped ? `; dropped ${dropped} stale test databases` : ''),
  );
  return async () => {};
}
