// The API's stable error codes said in words for people: the words are the error table's
// (@herald/engine, engine/src/errors/), the API's own message adds the detail.
import { errorTable, isErrorCode, type ErrorEntry } from '@herald/engine';
import { ApiError } from './client';

// For these the API's message speaks to API clients, not to a member in the browser.
const alone = new Set(['HERALD_ERR_UNAUTHORIZED', 'HERALD_ERR_INTERNAL', 'HERALD_ERR_ROUTE_NOT_FOUND']);

/** What a marketer reads for a code (undefined: the table has no words for it). */
function wordsOf(code: string): string | undefined {
  return isErrorCode(code) ? (errorTable[code] as ErrorEntry).words : undefined;
}

/** One sentence for a failed call: what the code means, then the API's own message when it adds something. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const headline = wordsOf(error.code);
    if (!headline) return error.message;
    return alone.has(error.code) || !error.message || error.message === headline
      ? headline
      : `${headline} ${error.message}`;
  }
  if (error instanceof TypeError) return 'Herald cannot be reached: check the connection and try again.';
  return (error as Error)?.message ?? String(error);
}
