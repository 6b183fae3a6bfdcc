/** The three kinds of error every boundary maps (CONVENTIONS.md "Errors everywhere"). */
export type ErrorKind = 'user' | 'operational' | 'unexpected';

/** An error with a stable code that the API turns into `{ error: { code, message, details } }`. */
export class HeraldError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly details: unknown;

  constructor(code: string, statusCode: number, message: string, details?: unknown) {
    super(message);
    this.name = 'HeraldError';
    this.code = code;
    this.statusCode = statusCode;
    this.details = details;
  }
}

/** 404 for a resource the caller cannot see (absent, or another workspace's). */
export const notFound = (what: string): HeraldError =>
  new HeraldError('HERALD_ERR_NOT_FOUND', 404, `${what} was not found.`);

/** 409 for an action the resource's current status does not allow. */
export const invalidState = (message: string, details?: unknown): HeraldError =>
  new HeraldError('HERALD_ERR_INVALID_STATE', 409, message, details);
