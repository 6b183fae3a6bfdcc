import type { ErrorEntry } from './error-entry';

/**
 * Provider failures (recorded on a delivery, or answered by the API as 502/503 where a request
 * called the provider), and what the processes print when they cannot start.
 */
export const systemErrors = {
  HERALD_ERR_CHANNEL_RATE_LIMITED: {
    status: 503,
    kind: 'operational',
    message: '{provider} is rate limiting calls ({reason}); try again shortly.',
  },
  HERALD_ERR_CHANNEL_UNAVAILABLE: {
    status: 503,
    kind: 'operational',
    message: '{provider} is not available right now ({reason}); try again shortly.',
  },
  HERALD_ERR_CHANNEL_TIMEOUT: {
    status: 503,
    kind: 'operational',
    message: '{provider} did not answer in time ({reason}); try again shortly.',
  },
  HERALD_ERR_CHANNEL_AUTH: {
    status: 502,
    kind: 'user',
    message: "{provider} refused the account's credentials ({reason}).",
  },
  HERALD_ERR_CHANNEL_INVALID_RECIPIENT: {
    status: null,
    kind: 'user',
    message: 'The provider does not know the recipient, or the recipient blocked the account: {reason}.',
  },
  HERALD_ERR_CHANNEL_CONTENT_REJECTED: {
    status: null,
    kind: 'user',
    message: 'The provider refused the content: {reason}.',
  },
  HERALD_ERR_CHANNEL_WINDOW_CLOSED: {
    status: null,
    kind: 'user',
    message: "The recipient's service window is closed: {reason}.",
  },
  HERALD_ERR_CHANNEL_QUOTA_EXCEEDED: {
    status: null,
    kind: 'user',
    message: "The provider's quota is used up: {reason}.",
  },
  HERALD_ERR_CHANNEL_TARGET_REFUSED: {
    status: 422,
    kind: 'user',
    message: 'Herald may not call that address: {reason}.',
    words: 'This Herald may not call that address.',
  },
  HERALD_ERR_NETWORK: {
    status: null,
    kind: 'operational',
    message: 'Herald did not answer as expected ({problem}).',
    words: 'Herald did not answer as expected.',
  },
  HERALD_ERR_CONFIG: { status: null, kind: 'user', message: '{setting} {problem}; set it.' },
  HERALD_ERR_PORT_BUSY: {
    status: null,
    kind: 'user',
    message: 'Port {port} ({what}) is in use; stop what uses it or set {variable} to another port.',
  },
  HERALD_ERR_TEMPORAL_BINARY: { status: null, kind: 'operational', message: 'The Temporal binary {problem}.' },
  HERALD_ERR_TEMPORAL_START: {
    status: null,
    kind: 'operational',
    message: 'The Temporal dev server did not start: {problem}.',
  },
  HERALD_ERR_EDITOR_BUILD: {
    status: null,
    kind: 'operational',
    message: 'The editor could not be built ({problem}); run pnpm --filter @herald/editor build to see why.',
  },
  HERALD_ERR_TEMPORAL_UNREACHABLE: {
    status: null,
    kind: 'operational',
    message:
      'Cannot reach Temporal at {address}; check TEMPORAL_ADDRESS, or unset it to start the embedded dev server.',
  },
  HERALD_ERR_CLUSTER_GO_MISSING: {
    status: null,
    kind: 'user',
    message: 'Building the Temporal server needs Go ({version}); install it or put it on PATH.',
  },
  HERALD_ERR_CLUSTER_BUILD_FAILED: {
    status: null,
    kind: 'operational',
    message: 'Building the Temporal server failed: {problem}.',
  },
  HERALD_ERR_CLUSTER_SCHEMA: {
    status: null,
    kind: 'operational',
    message: "Setting up Temporal's schema in {database} failed: {problem}.",
  },
  HERALD_ERR_CLUSTER_TEMPORAL_START: {
    status: null,
    kind: 'operational',
    message: 'The Temporal server did not start: {problem}.',
  },
  HERALD_ERR_CLUSTER_PROCESS_START: {
    status: null,
    kind: 'operational',
    message: '{process} did not start: {problem}.',
  },
  HERALD_ERR_CLUSTER_POSTGRES_UNREACHABLE: {
    status: null,
    kind: 'operational',
    message: "Cannot connect to PostgreSQL at {host} to create the cluster's databases.",
  },
  HERALD_ERR_DB_URL: { status: null, kind: 'user', message: 'DATABASE_URL is not a PostgreSQL URL: {problem}.' },
  HERALD_ERR_DB_UNREACHABLE: {
    status: null,
    kind: 'operational',
    message: 'Cannot reach the database at {where}: {problem}.',
  },
} as const satisfies Record<string, ErrorEntry>;
