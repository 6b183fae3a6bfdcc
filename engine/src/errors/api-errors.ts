import { joined, operationalError, unexpectedError, userError, type ErrorEntry } from './error-entry';

/** Errors of the HTTP API: requests, resources, webhooks, uploads, exports. */
export const apiErrors = {
  HERALD_ERR_UNAUTHORIZED: userError(
    401,
    '{problem}: sign in, or send a workspace API key as "Authorization: Bearer hk_…".',
    'Your session has ended: sign in again.',
  ),
  HERALD_ERR_BAD_CREDENTIALS: userError(
    401,
    'That email and password do not match a member.',
    'That email and password do not match a member.',
  ),
  HERALD_ERR_NOT_FOUND: userError(
    404,
    '{what} was not found.',
    'It no longer exists, or it belongs to another workspace.',
  ),
  HERALD_ERR_ROUTE_NOT_FOUND: userError(404, 'No route {method} {path}.', 'This version of Herald cannot do that yet.'),
  HERALD_ERR_VALIDATION: userError(400, '{what} is not valid: {problem}', 'Some fields need another look.'),
  HERALD_ERR_MALFORMED_BODY: userError(
    400,
    'The request body could not be read: {problem}.',
    'Some fields need another look.',
  ),
  HERALD_ERR_BAD_REQUEST: userError(400, 'The request is not valid: {problem}.'),
  HERALD_ERR_BAD_URL: userError(400, 'The URL is malformed.'),
  HERALD_ERR_URL_TOO_LONG: userError(414, 'A path parameter is longer than 100 characters.'),
  HERALD_ERR_BODY_TOO_LARGE: userError(
    413,
    'The request body is larger than this endpoint accepts.',
    'That is too large to send in one go.',
  ),
  HERALD_ERR_UNSUPPORTED_MEDIA_TYPE: userError(415, 'This content type is not accepted here: {expected}.'),
  HERALD_ERR_INVALID_STATE: userError(409, '{reason}', 'That cannot be done in its current state.'),
  // No words of its own: the message ("A tag named "VIP" already exists.") says it best.
  HERALD_ERR_CONFLICT: userError(409, '{what} already exists.'),
  HERALD_ERR_RATE_LIMITED: operationalError(
    429,
    'Too many requests; retry later.',
    'Too many requests at once: wait a moment and try again.',
  ),
  HERALD_ERR_INTERNAL: unexpectedError(
    500,
    'Something went wrong on our side; it has been logged.',
    'Something went wrong on the server; it has been logged.',
  ),
  HERALD_ERR_BAD_SIGNATURE: userError(401, 'The {what} signature does not match {secret}.'),
  HERALD_ERR_REPLAY: userError(401, 'The {what} timestamp is more than 5 minutes away from now.'),
  HERALD_ERR_JOURNEY_INVALID: userError(
    422,
    'The {what} has {count} problem(s) to fix.',
    'The journey still has problems: fix the ones listed below.',
  ),
  HERALD_ERR_CONVERSATION_AUDIENCE: userError(
    422,
    'A scheduled message stays in its conversation: its audience is that one contact.',
  ),
  HERALD_ERR_ACCOUNT_NOT_FOUND: userError(404, 'The channel account {id} was not found in this workspace.'),
  HERALD_ERR_PREVIEW_UNAVAILABLE: operationalError(503, 'Previews are not available on this server.'),
  HERALD_ERR_TEMPORAL_UNAVAILABLE: operationalError(
    503,
    'The workflow engine {problem}; try again shortly.',
    'The workflow service is not reachable right now: try again shortly.',
  ),
  HERALD_ERR_EMAIL_UNAVAILABLE: operationalError(
    503,
    'No SMTP server is configured for exports (set HERALD_SMTP_URL).',
    'Email is not set up on this server.',
  ),
  HERALD_ERR_EMAIL_FAILED: operationalError(
    502,
    'The export could not be emailed: {reason}',
    'The email could not be sent.',
  ),
  HERALD_ERR_MATERIAL_EMPTY: userError(400, 'The uploaded file is empty.'),
  HERALD_ERR_MATERIAL_MISSING: userError(400, 'No file in the upload; send it as the multipart part "file".'),
  HERALD_ERR_MATERIAL_ONE_FILE: userError(400, 'Upload one file per request.'),
  HERALD_ERR_MATERIAL_TOO_LARGE: userError(413, 'A {kind} may be at most {limit}.'),
  HERALD_ERR_MATERIAL_TYPE: userError(
    415,
    'The file is {detected}; a {kind} must be {allowed} (checked from its content, not its name).',
    'That kind of file is not accepted here.',
  ),
  HERALD_ERR_MATERIAL_ACCOUNT: userError(422, '{reason}', 'That account cannot do this.'),
  HERALD_ERR_MATERIAL_REJECTED: userError(422, 'WeChat refused the material: {reason}.', 'WeChat refused the file.'),
  HERALD_ERR_MATERIAL_IN_USE: userError(
    409,
    'The material is used by {users}; remove it from there first.',
    'It is still used by a journey or a pending broadcast.',
  ),
  HERALD_ERR_MATERIAL_NOT_FOUND: userError(422, 'The message attaches material {ids}, which {why}.'),
  HERALD_ERR_IMPORT_TOO_LARGE: userError(
    413,
    'The file has more than {max} {what}; import at most {max} at a time (split the file).',
    'The file is too large to import at once.',
  ),
  HERALD_ERR_CSV_MALFORMED: userError(
    400,
    'The file is not a CSV Herald can read{where}: check that quotes are closed and it is saved as CSV (UTF-8).',
    'The file could not be read.',
  ),
  HERALD_ERR_CSV_COLUMNS: userError(
    400,
    'The first line must name the columns, including {missing}; it names {found}.',
    'The file’s columns are not the ones Herald needs.',
  ),
  HERALD_ERR_CSV_EMPTY: userError(400, 'The file has no {what}: only a header line, or nothing.', 'The file is empty.'),
  HERALD_ERR_PROVIDER_REFUSED: operationalError(
    502,
    '{platform} did not give the list: {problem}.',
    'The platform did not answer as hoped.',
  ),
  HERALD_ERR_OWNER_UNKNOWN: userError(
    422,
    'No employee has the WeCom user id {userIds}: add or sync your employees first, then try again.',
    'An owner is not one of your employees yet.',
  ),
  HERALD_ERR_TEMPLATE_LIMIT: userError(
    422,
    joined(
      'A WeChat account uses at most {limit} templates at once; {account} already uses {inUse} in live journeys and ',
      'pending broadcasts. Reuse one of them, or end a journey that uses another.',
    ),
    'This account already uses as many templates as WeChat allows.',
  ),
  HERALD_ERR_MATERIAL_UNSENDABLE: userError(
    415,
    'No message {where} can send a .{ext} {kind}: {methods}.',
    'No message can send that kind of file.',
  ),
  HERALD_ERR_BROADCAST_CHAT_NUMBERS: userError(422, '{problem}', 'Some chat numbers need another look.'),
  HERALD_ERR_ACCOUNT_KIND: userError(
    422,
    '{what} come from a {kind} account; choose one.',
    'That account cannot do this.',
  ),
} as const satisfies Record<string, ErrorEntry>;
