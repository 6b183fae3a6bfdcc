import { operationalError, userError, type ErrorEntry } from './error-entry';

/**
 * Provider failures (recorded on a delivery, or answered by the API as 502/503 where a request
 * called the provider), and what the processes print when they cannot start.
 */
export const systemErrors = {
  HERALD_ERR_CHANNEL_RATE_LIMITED: operationalError(
    503,
    '{provider} is rate limiting calls ({reason}); try again shortly.',
  ),
  HERALD_ERR_CHANNEL_UNAVAILABLE: operationalError(
    503,
    '{provider} is not available right now ({reason}); try again shortly.',
  ),
  HERALD_ERR_CHANNEL_TIMEOUT: operationalError(503, '{provider} did not answer in time ({reason}); try again shortly.'),
  HERALD_ERR_PAGE_TAKEN_OVER: operationalError(
    null,
    'Another run of this page took its unsent messages over and sends them; this one stopped (the page is retried).',
  ),
  HERALD_ERR_CHANNEL_AUTH: userError(502, "{provider} refused the account's credentials ({reason})."),
  HERALD_ERR_CHANNEL_INVALID_RECIPIENT: userError(
    null,
    'The provider does not know the recipient, or the recipient blocked the account: {reason}.',
  ),
  HERALD_ERR_CHANNEL_CONTENT_REJECTED: userError(null, 'The provider refused the content: {reason}.'),
  HERALD_ERR_CHANNEL_WINDOW_CLOSED: userError(null, "The recipient's service window is closed: {reason}."),
  HERALD_ERR_CHANNEL_QUOTA_EXCEEDED: userError(null, "The provider's quota is used up: {reason}."),
  HERALD_ERR_CHANNEL_TARGET_REFUSED: userError(
    422,
    'Herald may not call that address: {reason}.',
    'This Herald may not call that address.',
  ),
  HERALD_ERR_NETWORK: operationalError(
    null,
    'Herald did not answer as expected ({problem}).',
    'Herald did not answer as expected.',
  ),
  HERALD_ERR_CONFIG: userError(null, '{setting} {problem}; set it.'),
  HERALD_ERR_PORT_BUSY: userError(
    null,
    'Port {port} ({what}) is in use; stop what uses it or set {variable} to another port.',
  ),
  HERALD_ERR_TEMPORAL_BINARY: operationalError(null, 'The Temporal binary {problem}.'),
  HERALD_ERR_TEMPORAL_START: operationalError(null, 'The Temporal dev server did not start: {problem}.'),
  HERALD_ERR_EDITOR_BUILD: operationalError(
    null,
    'The editor could not be built ({problem}); run pnpm --filter @herald/editor build to see why.',
  ),
  HERALD_ERR_TEMPORAL_UNREACHABLE: operationalError(
    null,
    'Cannot reach Temporal at {address}; check TEMPORAL_ADDRESS, or unset it to start the embedded dev server.',
  ),
  HERALD_ERR_CLUSTER_GO_MISSING: userError(
    null,
    'Building the Temporal server needs Go ({version}); install it or put it on PATH.',
  ),
  HERALD_ERR_CLUSTER_BUILD_FAILED: operationalError(null, 'Building the Temporal server failed: {problem}.'),
  HERALD_ERR_CLUSTER_SCHEMA: operationalError(null, "Setting up Temporal's schema in {database} failed: {problem}."),
  HERALD_ERR_CLUSTER_TEMPORAL_START: operationalError(null, 'The Temporal server did not start: {problem}.'),
  HERALD_ERR_CLUSTER_PROCESS_START: operationalError(null, '{process} did not start: {problem}.'),
  HERALD_ERR_CLUSTER_POSTGRES_UNREACHABLE: operationalError(
    null,
    "Cannot connect to PostgreSQL at {host} to create the cluster's databases.",
  ),
  HERALD_ERR_DB_URL: userError(null, 'DATABASE_URL is not a PostgreSQL URL: {problem}.'),
  HERALD_ERR_DB_UNREACHABLE: operationalError(null, 'Cannot reach the database at {where}: {problem}.'),
  HERALD_ERR_DB_CRASHED: operationalError(
    null,
    'The embedded database ({where}) stopped unexpectedly ({problem}); Herald stops too: start it again.',
  ),
} as const satisfies Record<string, ErrorEntry>;
