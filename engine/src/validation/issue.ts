/** Stable codes of everything validation can say about a journey. */
export const validationCodes = [
  'HERALD_ERR_INVALID_GRAPH',
  'HERALD_ERR_DUPLICATE_ID',
  'HERALD_ERR_NO_TRIGGER',
  'HERALD_ERR_MULTIPLE_TRIGGERS',
  'HERALD_ERR_TRIGGER_HAS_INPUT',
  'HERALD_ERR_DANGLING_EDGE',
  'HERALD_ERR_UNREACHABLE_NODE',
  'HERALD_ERR_UNCONNECTED_OUTPUT',
  'HERALD_ERR_OUTPUT_CONNECTED_TWICE',
  'HERALD_ERR_CYCLE_WITHOUT_WAIT',
  'HERALD_ERR_SELF_CONNECTION',
  'HERALD_ERR_EXIT_HAS_OUTPUT',
  'HERALD_ERR_EMPTY_MESSAGE',
  'HERALD_ERR_NO_MESSAGES',
  'HERALD_ERR_TOO_MANY_MESSAGES',
  'HERALD_ERR_MESSAGE_TYPE_UNSUPPORTED',
  'HERALD_ERR_GROUP_NAME_REQUIRED',
  'HERALD_ERR_ATTACHMENT_TYPE',
  'HERALD_ERR_SEND_TIME_TOO_SOON',
  'HERALD_ERR_METHOD_NOT_REALTIME',
  'HERALD_ERR_METHOD_CHANNEL_MISMATCH',
  'HERALD_ERR_METHOD_TYPE_UNSUPPORTED',
  'HERALD_ERR_CS_NEEDS_INTERACTION',
  'HERALD_ERR_FALLBACK_INVALID',
  'HERALD_ERR_TEMPLATE_INCOMPLETE',
  'HERALD_ERR_AUDIENCE_REQUIRED',
  'HERALD_ERR_AUDIENCE_UNSUPPORTED',
  'HERALD_ERR_AUDIENCE_ONE_TAG',
  'HERALD_ERR_UNKNOWN_FIELD',
  'HERALD_ERR_PERSONALISATION_UNSUPPORTED',
  'HERALD_ERR_INVALID_DURATION',
  'HERALD_ERR_SPLIT_PERCENT',
  'HERALD_ERR_MISSING_SETTING',
  'HERALD_ERR_INVALID_TIMEZONE',
  'HERALD_ERR_WAIT_UNTIL_PAST',
  'HERALD_ERR_SEND_AUDIENCE_UNSUPPORTED',
  'HERALD_ERR_GROUP_CHATS_ONE_STEP',
  'HERALD_ERR_MESSAGE_TOO_LONG',
  'HERALD_ERR_DURATION_TOO_LONG',
  'HERALD_ERR_SEND_TIME_TOO_FAR',
  'HERALD_ERR_ACCOUNT_NOT_FOUND',
  'HERALD_ERR_ACCOUNT_KIND_MISMATCH',
  'HERALD_ERR_ACCOUNT_DISABLED',
  'HERALD_ERR_TEMPLATE_INVALID',
  'HERALD_ERR_SEGMENT_NOT_FOUND',
  'HERALD_ERR_SEGMENT_TRIGGER_NO_EVENT',
  'HERALD_ERR_VARIANT_SHARES',
  'HERALD_ERR_VARIANTS_UNSUPPORTED',
  'HERALD_ERR_WINNER_UNSUPPORTED',
] as const;
export type ValidationCode = (typeof validationCodes)[number];

/** One thing wrong with a journey, said so a marketer understands, pinned to a node or edge. */
export interface ValidationIssue {
  code: ValidationCode;
  /** Errors block publishing; warnings are shown on the canvas and do not. */
  severity: 'error' | 'warning';
  message: string;
  nodeId?: string;
  edgeId?: string;
}

type Where = { nodeId?: string; edgeId?: string };

/** An error-severity issue. */
export const issue = (code: ValidationCode, message: string, at: Where = {}): ValidationIssue => ({
  code,
  severity: 'error',
  message,
  ...at,
});

/** A warning: worth showing, does not block publishing. */
export const warning = (code: ValidationCode, message: string, at: Where = {}): ValidationIssue => ({
  code,
  severity: 'warning',
  message,
  ...at,
});

/** Whether any issue blocks publishing. */
export const hasErrors = (issues: readonly ValidationIssue[]): boolean => issues.some((i) => i.severity === 'error');
