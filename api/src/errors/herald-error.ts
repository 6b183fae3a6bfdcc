import {
  errorMessage,
  errorTable,
  type ErrorCode,
  type ErrorKind as TableErrorKind,
  type ErrorParams,
} from '@herald/engine';
import { isUniqueViolation } from '@herald/db';

/** The three kinds of error every boundary maps (CONVENTIONS.md "Errors everywhere"); each code's is in the table. */
export type ErrorKind = TableErrorKind;

/** An error with a stable code that the API turns into `{ error: { code, message, details } }`. */
export class HeraldError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: unknown;

  constructor(code: ErrorCode, statusCode: number, message: string, details?: unknown) {
    super(message);
    this.name = 'HeraldError';
    this.code = code;
    this.statusCode = statusCode;
    this.details = details;
  }

  /** The error of a code's row in the error table: its HTTP status, its message filled in from `params`. */
  static of<C extends ErrorCode>(code: C, params: ErrorParams<C>, details?: unknown): HeraldError {
    return new HeraldError(code, errorTable[code].status ?? 500, errorMessage(code, params), details);
  }
}

/** 404 for a resource the caller cannot see (absent, or another workspace's). */
export const notFound = (what: string): HeraldError => HeraldError.of('HERALD_ERR_NOT_FOUND', { what });

/** For a write's `.catch`: a unique violation becomes 409 naming `what` (what exists already); others are rethrown. */
export const conflictOn =
  (what: string) =>
  (error: unknown): never => {
    if (isUniqueViolation(error)) throw HeraldError.of('HERALD_ERR_CONFLICT', { what });
    throw error;
  };

const done = { pause: 'paused', resume: 'resumed', cancel: 'canceled', archive: 'archived', send: 'sent' } as const;

/** 409 for a pause, resume, cancel or archive that a status does not allow ("A paused journey cannot be paused."). */
export const cannotTransition = (status: string, what: string, action: keyof typeof done): HeraldError =>
  HeraldError.of('HERALD_ERR_INVALID_STATE', {
    reason: `A ${status.replace('_', ' ')} ${what} cannot be ${done[action]}.`,
  });

/** 409 for an action the resource's current status does not allow (`reason`: a sentence saying why). */
export const invalidState = (reason: string, details?: unknown): HeraldError =>
  HeraldError.of('HERALD_ERR_INVALID_STATE', { reason }, details);
