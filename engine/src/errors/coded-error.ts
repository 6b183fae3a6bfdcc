import type { ErrorCode } from './error-table';

/** An error with one of Herald's codes (the error table's), whose message is one sentence for a person. */
export class CodedError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CodedError';
    this.code = code;
  }
}
