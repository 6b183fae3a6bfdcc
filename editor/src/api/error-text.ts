// The API's stable error codes said in words for people; the API's own message adds the detail.
import { ApiError } from './client';

const words: Record<string, string> = {
  HERALD_ERR_UNAUTHORIZED: 'Your session has ended: sign in again.',
  HERALD_ERR_BAD_CREDENTIALS: 'That email and password do not match a member.',
  HERALD_ERR_NOT_FOUND: 'It no longer exists, or it belongs to another workspace.',
  HERALD_ERR_ROUTE_NOT_FOUND: 'This version of Herald cannot do that yet.',
  HERALD_ERR_VALIDATION: 'Some fields need another look.',
  HERALD_ERR_MALFORMED_BODY: 'Some fields need another look.',
  HERALD_ERR_INVALID_STATE: 'That cannot be done in its current state.',
  HERALD_ERR_CONFLICT: 'Someone changed it at the same time: reload and try again.',
  HERALD_ERR_JOURNEY_INVALID: 'The journey still has problems: fix the ones listed below.',
  HERALD_ERR_RATE_LIMITED: 'Too many requests at once: wait a moment and try again.',
  HERALD_ERR_BODY_TOO_LARGE: 'That is too large to send in one go.',
  HERALD_ERR_SEND_TIME_TOO_SOON: 'The send time must be at least 5 minutes ahead.',
  HERALD_ERR_AUDIENCE_REQUIRED: 'Choose who receives it.',
  HERALD_ERR_EMAIL_UNAVAILABLE: 'Email is not set up on this server.',
  HERALD_ERR_EMAIL_FAILED: 'The email could not be sent.',
  HERALD_ERR_TEMPORAL_UNAVAILABLE: 'The workflow service is not reachable right now: try again shortly.',
  HERALD_ERR_INTERNAL: 'Something went wrong on the server; it has been logged.',
  HERALD_ERR_NETWORK: 'Herald did not answer as expected.',
  HERALD_ERR_CHANNEL_TARGET_REFUSED: 'This Herald may not call that address.',
  HERALD_ERR_MATERIAL_ACCOUNT: 'That account cannot do this.',
  HERALD_ERR_MATERIAL_TYPE: 'That kind of file is not accepted here.',
  HERALD_ERR_MATERIAL_REJECTED: 'WeChat refused the file.',
  HERALD_ERR_MATERIAL_IN_USE: 'It is still used by a journey or a pending broadcast.',
};

// For these the API's message speaks to API clients, not to a member in the browser.
const alone = new Set(['HERALD_ERR_UNAUTHORIZED', 'HERALD_ERR_INTERNAL', 'HERALD_ERR_ROUTE_NOT_FOUND']);

/** One sentence for a failed call: what the code means, then the API's own message when it adds something. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const headline = words[error.code];
    if (!headline) return error.message;
    return alone.has(error.code) || !error.message || error.message === headline
      ? headline
      : `${headline} ${error.message}`;
  }
  if (error instanceof TypeError) return 'Herald cannot be reached: check the connection and try again.';
  return (error as Error)?.message ?? String(error);
}
