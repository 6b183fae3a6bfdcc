import { CodedError } from '@herald/engine';

/** A database failure the start command prints as one sentence. */
export class DbError extends CodedError {
  override readonly name = 'DbError';
}

/** Whether a driver error (postgres.js, PGlite, or drizzle's wrapper around either) is a unique-key violation. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return (e?.code ?? e?.cause?.code) === '23505';
}
