// Herald's error table: every stable code, the HTTP status the API answers it with, its kind
// (CONVENTIONS.md, "Errors everywhere"), its message with `{name}` for what each occurrence fills
// in, and what a marketer reads in the editor. Browser-safe: the editor reads its words from here.
// docs/ERRORS.md is generated from it (scripts/errors-doc.ts; a test fails when it is stale).
import { accessErrors } from './access-errors';
import { apiErrors } from './api-errors';
import type { ErrorEntry } from './error-entry';
import { journeyErrors } from './journey-errors';
import { systemErrors } from './system-errors';
import { targetingErrors } from './targeting-errors';

export type { ErrorEntry, ErrorKind } from './error-entry';

/** Every code, one row each. */
export const errorTable = {
  ...apiErrors,
  ...accessErrors,
  ...journeyErrors,
  ...targetingErrors,
  ...systemErrors,
} as const;

/** A stable code of Herald's (`HERALD_ERR_…`). */
export type ErrorCode = keyof typeof errorTable;

type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** What a code's message template needs filled in (none: an empty object). */
export type ErrorParams<C extends ErrorCode> = Record<Placeholders<(typeof errorTable)[C]['message']>, string | number>;

/** Whether a string is one of Herald's codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorTable, code);
}

/** The row of a code. */
export function errorEntry(code: ErrorCode): ErrorEntry {
  return errorTable[code];
}

/** A code's message with its placeholders filled in from `params`. */
export function errorMessage<C extends ErrorCode>(code: C, params: ErrorParams<C>): string {
  const values = params as Record<string, string | number>;
  return errorTable[code].message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
