// Runs once per `vitest run`: prepares the shared real services every suite uses.
// - PostgreSQL: a migrated template database; each suite clones its own (db.global.ts).
// - Temporal: one dev server and one workflow bundle for the whole run (temporal.global.ts).
// - Editor: the Vite bundle the API serves, rebuilt only when its sources changed (editor.global.ts).
import { setupDatabase } from './db.global';
import { setupTemporal } from './temporal.global';
import { setupEditor } from './editor.global';

/** Vitest global setup: returns the teardown that stops what it started. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const teardowns = await Promise.all([setupDatabase(), setupTemporal(), setupEditor()]);
  return async () => {
    for (const teardown of teardowns.reverse()) await teardown();
  };
}
