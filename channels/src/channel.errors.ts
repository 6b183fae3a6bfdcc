import type { RecipientResult } from './channel.types';

/** Stable codes of channel failures. */
export type ChannelErrorCode =
  | 'HERALD_ERR_CHANNEL_RATE_LIMITED'
  | 'HERALD_ERR_CHANNEL_UNAVAILABLE'
  | 'HERALD_ERR_CHANNEL_TIMEOUT'
  | 'HERALD_ERR_CHANNEL_INVALID_RECIPIENT'
  | 'HERALD_ERR_CHANNEL_CONTENT_REJECTED'
  | 'HERALD_ERR_CHANNEL_WINDOW_CLOSED'
  | 'HERALD_ERR_CHANNEL_QUOTA_EXCEEDED'
  | 'HERALD_ERR_CHANNEL_AUTH'
  | 'HERALD_ERR_CHANNEL_TARGET_REFUSED'
  // Refused before the call: the text personalised for the contact does not fit the channel, or could not be rendered.
  | 'HERALD_ERR_MESSAGE_TOO_LONG'
  | 'HERALD_ERR_TEMPLATE_RENDER';

/**
 * A provider failure, already sorted into CONVENTIONS.md's kinds: `operational` (rate limited,
 * 5xx, timeout, dropped connection) is retryable with the provider's delay; `user` (bad recipient,
 * content rejected, window closed) is not, and is recorded on the delivery.
 */
export class ChannelError extends Error {
  readonly kind: 'user' | 'operational';
  readonly code: ChannelErrorCode;
  readonly retryAfterMs: number | undefined;
  readonly providerCode: string | undefined;

  constructor(
    code: ChannelErrorCode,
    message: string,
    options: { retryAfterMs?: number; providerCode?: string | number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ChannelError';
    this.code = code;
    this.kind = [
      'HERALD_ERR_CHANNEL_RATE_LIMITED',
      'HERALD_ERR_CHANNEL_UNAVAILABLE',
      'HERALD_ERR_CHANNEL_TIMEOUT',
    ].includes(code)
      ? 'operational'
      : 'user';
    this.retryAfterMs = options.retryAfterMs;
    this.providerCode = options.providerCode === undefined ? undefined : String(options.providerCode);
  }

  get retryable(): boolean {
    return this.kind === 'operational';
  }
}

/** WeChat / WeCom errcodes → Herald's codes (documented platform codes; others are content/recipient errors). */
export function fromErrcode(errcode: number, errmsg: string): ChannelError {
  const msg = `provider errcode ${errcode}: ${errmsg}`;
  switch (errcode) {
    case -1:
      return new ChannelError('HERALD_ERR_CHANNEL_UNAVAILABLE', msg, { providerCode: errcode, retryAfterMs: 1000 });
    case 45009:
    case 45033:
    case 45011:
      return new ChannelError('HERALD_ERR_CHANNEL_RATE_LIMITED', msg, { providerCode: errcode, retryAfterMs: 60_000 });
    case 45015:
    case 45047:
      return new ChannelError('HERALD_ERR_CHANNEL_WINDOW_CLOSED', msg, { providerCode: errcode });
    case 40003:
    case 40031:
    case 40058:
    case 40130:
    case 43004:
    case 81013:
      return new ChannelError('HERALD_ERR_CHANNEL_INVALID_RECIPIENT', msg, { providerCode: errcode });
    case 40001:
    case 40014:
    case 42001:
    case 40125:
      return new ChannelError('HERALD_ERR_CHANNEL_AUTH', msg, { providerCode: errcode });
    default:
      return new ChannelError('HERALD_ERR_CHANNEL_CONTENT_REJECTED', msg, { providerCode: errcode });
  }
}

/** Errcodes that mean "get a new access token and try again once". */
export const tokenErrcodes = new Set([40001, 40014, 42001]);

/**
 * A send that stopped part way: `error` ended it, `results` are the calls the provider had already
 * answered. It is the ChannelError it wraps (same code, kind and delay) for callers that only need
 * that; the send path also settles `results` (an accepted message must never be sent again on retry).
 */
export class PartialSendError extends ChannelError {
  constructor(
    readonly error: ChannelError,
    readonly results: readonly RecipientResult[],
  ) {
    super(error.code, error.message, {
      cause: error,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
      ...(error.providerCode !== undefined ? { providerCode: error.providerCode } : {}),
    });
    this.name = 'PartialSendError';
  }
}
