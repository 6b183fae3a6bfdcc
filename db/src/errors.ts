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

/**
 * True when the database went away under a statement (connection refused, reset or closed; the server
 * shutting down or starting): the statement may be tried again once it is back. Not for SQL errors.
 */
export function isConnectionLoss(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  const code = String(e?.code ?? e?.cause?.code ?? '');
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'EPIPE',
      'ETIMEDOUT',
      'CONNECTION_CLOSED',
      'CONNECTION_ENDED',
      'CONNECTION_DESTROYED',
      'CONNECT_TIMEOUT',
    ].includes(code) ||
    code.startsWith('08') ||
    code.startsWith('57P')
  );
}
