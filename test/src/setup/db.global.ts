/** Placeholder until the db package lands: nothing to prepare. */
export async function setupDatabase(): Promise<() => Promise<void>> {
  return async () => {};
}
