/** Prints one sentence for a known failure (an error with a HERALD_ERR_ code) and exits non-zero. */
export function exitWithError(error: unknown): never {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && code.startsWith('HERALD_ERR_')) {
    process.stderr.write(`herald: ${message} [${code}]\n`);
  } else {
    process.stderr.write(`herald: unexpected failure while starting: ${message}\n`);
    if (process.env.HERALD_DEBUG) console.error(error);
  }
  process.exit(1);
}
