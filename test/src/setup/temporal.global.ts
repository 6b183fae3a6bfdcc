/** Placeholder until Temporal helpers lands: nothing to prepare. */
export async function setupTemporal(): Promise<() => Promise<void>> {
  return async () => {};
}
