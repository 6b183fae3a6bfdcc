import type { ErrorEntry } from './error-entry';

/** Errors of the HTTP API: requests, resources, webhooks, uploads, exports. */
export const apiErrors = {
  HERALD_ERR_UNAUTHORIZED: {
    status: 401,
    kind: 'user',
    message: '{problem}: sign in, or send a workspace API key as "Authorization: Bearer hk_…".',
    words: 'Your session has ended: sign in again.',
  },
  HERALD_ERR_BAD_CREDENTIALS: {
    status: 401,
    kind: 'user',
    message: 'That email and password do not match a member.',
    words: 'That email and password do not match a member.',
  },
  HERALD_ERR_NOT_FOUND: {
    status: 404,
    kind: 'user',
    message: '{what} was not found.',
    words: 'It no longer exists, or it belongs to another workspace.',
  },
  HERALD_ERR_ROUTE_NOT_FOUND: {
    status: 404,
    kind: 'user',
    message: 'No route {method} {path}.',
    words: 'This version of Herald cannot do that yet.',
  },
  HERALD_ERR_VALIDATION: {
    status: 400,
    kind: 'user',
    message: '{what} is not valid: {problem}',
    words: 'Some fields need another look.',
  },
  HERALD_ERR_MALFORMED_BODY: {
    status: 400,
    kind: 'user',
    message: 'The request body could not be read: {problem}.',
    words: 'Some fields need another look.',
  },
  HERALD_ERR_BAD_REQUEST: { status: 400, kind: 'user', message: 'The request is not valid: {problem}.' },
  HERALD_ERR_BAD_URL: { status: 400, kind: 'user', message: 'The URL is malformed.' },
  HERALD_ERR_URL_TOO_LONG: { status: 414, kind: 'user', message: 'A path parameter is longer than 100 characters.' },
  HERALD_ERR_BODY_TOO_LARGE: {
    status: 413,
    kind: 'user',
    message: 'The request body is larger than this endpoint accepts.',
    words: 'That is too large to send in one go.',
  },
  HERALD_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    kind: 'user',
    message: 'This content type is not accepted here: {expected}.',
  },
  HERALD_ERR_INVALID_STATE: {
    status: 409,
    kind: 'user',
    message: '{reason}',
    words: 'That cannot be done in its current state.',
  },
  HERALD_ERR_CONFLICT: {
    status: 409,
    kind: 'user',
    // No words of its own: the message ("A tag named "VIP" already exists.") says it best.
    message: '{what} already exists.',
  },
  HERALD_ERR_RATE_LIMITED: {
    status: 429,
    kind: 'operational',
    message: 'Too many requests; retry later.',
    words: 'Too many requests at once: wait a moment and try again.',
  },
  HERALD_ERR_INTERNAL: {
    status: 500,
    kind: 'unexpected',
    message: 'Something went wrong on our side; it has been logged.',
    words: 'Something went wrong on the server; it has been logged.',
  },
  HERALD_ERR_BAD_SIGNATURE: {
    status: 401,
    kind: 'user',
    message: 'The {what} signature does not match {secret}.',
  },
  HERALD_ERR_REPLAY: {
    status: 401,
    kind: 'user',
    message: 'The {what} timestamp is more than 5 minutes away from now.',
  },
  HERALD_ERR_JOURNEY_INVALID: {
    status: 422,
    kind: 'user',
    message: 'The {what} has {count} problem(s) to fix.',
    words: 'The journey still has problems: fix the ones listed below.',
  },
  HERALD_ERR_CONVERSATION_AUDIENCE: {
    status: 422,
    kind: 'user',
    message: 'A scheduled message stays in its conversation: its audience is that one contact.',
  },
  HERALD_ERR_ACCOUNT_NOT_FOUND: {
    status: 404,
    kind: 'user',
    message: 'The channel account {id} was not found in this workspace.',
  },
  HERALD_ERR_PREVIEW_UNAVAILABLE: {
    status: 503,
    kind: 'operational',
    message: 'Previews are not available on this server.',
  },
  HERALD_ERR_TEMPORAL_UNAVAILABLE: {
    status: 503,
    kind: 'operational',
    message: 'The workflow engine {problem}; try again shortly.',
    words: 'The workflow service is not reachable right now: try again shortly.',
  },
  HERALD_ERR_EMAIL_UNAVAILABLE: {
    status: 503,
    kind: 'operational',
    message: 'No SMTP server is configured for exports (set HERALD_SMTP_URL).',
    words: 'Email is not set up on this server.',
  },
  HERALD_ERR_EMAIL_FAILED: {
    status: 502,
    kind: 'operational',
    message: 'The export could not be emailed: {reason}',
    words: 'The email could not be sent.',
  },
  HERALD_ERR_MATERIAL_EMPTY: { status: 400, kind: 'user', message: 'The uploaded file is empty.' },
  HERALD_ERR_MATERIAL_MISSING: {
    status: 400,
    kind: 'user',
    message: 'No file in the upload; send it as the multipart part "file".',
  },
  HERALD_ERR_MATERIAL_ONE_FILE: { status: 400, kind: 'user', message: 'Upload one file per request.' },
  HERALD_ERR_MATERIAL_TOO_LARGE: { status: 413, kind: 'user', message: 'A {kind} may be at most {limit}.' },
  HERALD_ERR_MATERIAL_TYPE: {
    status: 415,
    kind: 'user',
    message: 'The file is {detected}; a {kind} must be {allowed} (checked from its content, not its name).',
    words: 'That kind of file is not accepted here.',
  },
  HERALD_ERR_MATERIAL_ACCOUNT: {
    status: 422,
    kind: 'user',
    message: '{reason}',
    words: 'That account cannot do this.',
  },
  HERALD_ERR_MATERIAL_REJECTED: {
    status: 422,
    kind: 'user',
    message: 'WeChat refused the material: {reason}.',
    words: 'WeChat refused the file.',
  },
  HERALD_ERR_MATERIAL_IN_USE: {
    status: 409,
    kind: 'user',
    message: 'The material is used by {users}; remove it from there first.',
    words: 'It is still used by a journey or a pending broadcast.',
  },
  HERALD_ERR_MATERIAL_NOT_FOUND: {
    status: 422,
    kind: 'user',
    message: 'The message attaches material {ids}, which {why}.',
  },
  HERALD_ERR_IMPORT_TOO_LARGE: {
    status: 413,
    kind: 'user',
    message: 'The file has more than {max} {what}; import at most {max} at a time (split the file).',
    words: 'The file is too large to import at once.',
  },
  HERALD_ERR_CSV_MALFORMED: {
    status: 400,
    kind: 'user',
    message:
      'The file is not a CSV Herald can read{where}: check that quotes are closed and it is saved as CSV (UTF-8).',
    words: 'The file could not be read.',
  },
  HERALD_ERR_CSV_COLUMNS: {
    status: 400,
    kind: 'user',
    message: 'The first line must name the columns, including {missing}; it names {found}.',
    words: 'The file’s columns are not the ones Herald needs.',
  },
  HERALD_ERR_CSV_EMPTY: {
    status: 400,
    kind: 'user',
    message: 'The file has no {what}: only a header line, or nothing.',
    words: 'The file is empty.',
  },
  HERALD_ERR_PROVIDER_REFUSED: {
    status: 502,
    kind: 'operational',
    message: '{platform} did not give the list: {problem}.',
    words: 'The platform did not answer as hoped.',
  },
  HERALD_ERR_OWNER_UNKNOWN: {
    status: 422,
    kind: 'user',
    message: 'No employee has the WeCom user id {userIds}: add or sync your employees first, then try again.',
    words: 'An owner is not one of your employees yet.',
  },
  HERALD_ERR_TEMPLATE_LIMIT: {
    status: 422,
    kind: 'user',
    message:
      'A WeChat account uses at most {limit} templates at once; {account} already uses {inUse} in live journeys and pending broadcasts. Reuse one of them, or end a journey that uses another.',
    words: 'This account already uses as many templates as WeChat allows.',
  },
  HERALD_ERR_MATERIAL_UNSENDABLE: {
    status: 415,
    kind: 'user',
    message: 'No message {where} can send a .{ext} {kind}: {methods}.',
    words: 'No message can send that kind of file.',
  },
  HERALD_ERR_BROADCAST_CHAT_NUMBERS: {
    status: 422,
    kind: 'user',
    message: '{problem}',
    words: 'Some chat numbers need another look.',
  },
  HERALD_ERR_ACCOUNT_KIND: {
    status: 422,
    kind: 'user',
    message: '{what} come from a {kind} account; choose one.',
    words: 'That account cannot do this.',
  },
} as const satisfies Record<string, ErrorEntry>;
