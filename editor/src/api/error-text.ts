// Every error the editor shows, said in a marketer's words: the API's stable codes (their words are the
// error table's, @herald/engine's engine/src/errors/; the API's own message adds the detail), and the
// problems a form's schema (the API's own contract) finds in a field. The one place both become text.
import type { z } from 'zod';
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
    if (error.code === 'HERALD_ERR_VALIDATION' && error.message.startsWith('The '))
      // A schema check on the server: its field path means nothing to a person; say which part is off.
      return headline ?? 'Some fields need another look.';
    if (!headline) return error.message;
    return alone.has(error.code) || !error.message || error.message === headline
      ? headline
      : `${headline} ${error.message}`;
  }
  if (error instanceof TypeError) return 'Herald cannot be reached: check the connection and try again.';
  return (error as Error)?.message ?? String(error);
}

/** What is wrong with one field, as a sentence about it ("The name cannot be empty."). */
export function fieldProblem(issue: z.core.$ZodIssue, label: string): string {
  const what = label.charAt(0).toUpperCase() + label.slice(1);
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? `${what} cannot be empty.`
        : issue.origin === 'string'
          ? `${what} needs at least ${Number(issue.minimum)} characters.`
          : issue.origin === 'array'
            ? `Choose at least ${Number(issue.minimum)}.`
            : `${what} must be at least ${Number(issue.minimum)}.`;
    case 'too_big':
      return issue.origin === 'string'
        ? `${what} can be at most ${Number(issue.maximum).toLocaleString('en')} characters.`
        : issue.origin === 'array'
          ? `Choose at most ${Number(issue.maximum)}.`
          : `${what} can be at most ${Number(issue.maximum).toLocaleString('en')}.`;
    case 'invalid_format':
      return issue.format === 'url'
        ? `${what} must be a web address, like https://api.example.com.`
        : issue.format === 'email'
          ? `${what} must be an email address, like mei@example.com.`
          : issue.format === 'datetime'
            ? `${what} needs a date and a time.`
            : `${what} is not in the expected form.`;
    case 'invalid_type':
      return issue.expected === 'number' ? `${what} must be a number.` : `${what} is missing.`;
    case 'invalid_value':
      return `Choose one of the options for ${label}.`;
    default:
      return `${what} is not valid.`;
  }
}

/**
 * Checks a form's value with the API's own schema and answers one sentence per field that is wrong,
 * keyed by the field's path ("name", "settings.appId"); `labels` name the fields as the form does.
 */
export function formProblems(
  schema: z.ZodType,
  value: unknown,
  labels: Readonly<Record<string, string>>,
): Record<string, string> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return {};
  const out: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!out[path]) out[path] = fieldProblem(issue, labels[path] ?? 'this field');
  }
  return out;
}
