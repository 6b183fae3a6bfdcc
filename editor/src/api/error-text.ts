// Every error the editor shows, said in a marketer's words: the API's stable codes (their words are the
// error table's, @herald/engine's engine/src/errors/, in English; the catalogues' errors.* in Chinese; the
// API's own message adds the detail), and the problems a form's schema (the API's own contract) finds in a
// field. The one place both become text, in the language the editor speaks.
import type { z } from 'zod';
import type { ValidationIssue } from '@herald/engine';
import { currentLocale, i18n, textOf } from '../i18n/i18n';
import { formatNumber } from '../i18n/format';
import { ApiError, issuesOf } from './client';

// For these the API's message speaks to API clients, not to a member in the browser.
const alone = new Set(['HERALD_ERR_UNAUTHORIZED', 'HERALD_ERR_INTERNAL', 'HERALD_ERR_ROUTE_NOT_FOUND']);

/** What a marketer reads for a code (undefined: the table has no words for it). */
const wordsOf = (code: string): string | undefined => textOf(`errors.${code}`);

/** One sentence for a failed call: what the code means, then the API's own message when it adds something. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const headline = wordsOf(error.code);
    if (error.code === 'HERALD_ERR_VALIDATION' && error.message.startsWith('The '))
      // A schema check on the server: its field path means nothing to a person; say which part is off.
      return headline ?? i18n.t('errors.HERALD_ERR_VALIDATION');
    if (!headline) return error.message;
    // The server's message is English; it still adds the detail (which column, which account).
    return alone.has(error.code) || !error.message || error.message === textOf(`errors.${error.code}`, { lng: 'en' })
      ? headline
      : i18n.t('common.detail', { headline, detail: error.message });
  }
  if (error instanceof TypeError) return i18n.t('common.unreachable');
  return (error as Error)?.message ?? String(error);
}

/** A validator issue the API answered, outside the canvas: the catalogue's sentence for its code in Chinese. */
export const issueWords = (issue: ValidationIssue): string =>
  (currentLocale() === 'en' ? undefined : textOf(`issues.${issue.code}`)) ?? issue.message;

/** What is wrong with one field, as a sentence about it ("The name cannot be empty."). */
export function fieldProblem(issue: z.core.$ZodIssue, label: string): string {
  const what = i18n.language === 'en' ? label.charAt(0).toUpperCase() + label.slice(1) : label;
  const t = (key: string, n?: number) => textOf(`problems.${key}`, { what, label, n: formatNumber(n ?? 0) })!;
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? t('empty')
        : t(
            issue.origin === 'string' ? 'shortText' : issue.origin === 'array' ? 'fewChoices' : 'small',
            Number(issue.minimum),
          );
    case 'too_big':
      return t(
        issue.origin === 'string' ? 'longText' : issue.origin === 'array' ? 'manyChoices' : 'big',
        Number(issue.maximum),
      );
    case 'invalid_format':
      return t(['url', 'email', 'datetime'].includes(issue.format) ? issue.format : 'format');
    case 'invalid_type':
      return t(issue.expected === 'number' ? 'number' : 'missing');
    case 'invalid_value':
      return t('choice');
    default:
      return t('invalid');
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
    if (!out[path]) out[path] = fieldProblem(issue, labels[path] ?? i18n.t('common.thisField'));
  }
  return out;
}

/** A failed save in words: the validator's issues the API answered, else what the error says. */
export function saveErrorText(error: unknown): string {
  const issues = issuesOf(error);
  return issues.length ? issues.map(issueWords).join(' ') : errorText(error);
}
