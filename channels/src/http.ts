import { request } from 'undici';
import { ChannelError } from './channel.errors';
import { checkEgress, openEgress, type EgressPolicy } from './egress';

export interface HttpOptions {
  timeoutMs?: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST' | 'PUT';
}

/** Seconds or an HTTP date in Retry-After, as milliseconds. */
function retryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** A provider's answer, whichever client carried the call. */
interface Answer {
  status: number;
  retryAfter: string | string[] | undefined;
  text: string;
}

/** A call's deadline passed (its signal's TimeoutError, or undici's abort for it), or a connection never came. */
const isTimeout = (cause: unknown): boolean =>
  cause instanceof Error &&
  (cause.name === 'TimeoutError' ||
    cause.name === 'AbortError' ||
    (cause as { code?: string }).code === 'UND_ERR_CONNECT_TIMEOUT');

let egress: EgressPolicy = openEgress;

/** Sets where this process may send HTTP (the worker does it once at start; tests may change it). */
export function setEgressPolicy(policy: EgressPolicy): void {
  egress = policy;
}
export function egressPolicy(): EgressPolicy {
  return egress;
}

/**
 * One HTTP exchange with a provider, after the egress check: network failures, timeouts, 429
 * and 5xx become retryable ChannelErrors (with Retry-After); other 4xx become user errors; a
 * body that is not JSON is retryable (a proxy's error page). Returns the parsed body.
 */
async function exchange<T>(url: string, call: () => Promise<Answer>, timeoutMs: number): Promise<T> {
  await checkEgress(egress, url);
  const host = new URL(url).host;
  let answer: Answer;
  try {
    answer = await call();
  } catch (cause) {
    const timeout = isTimeout(cause);
    throw new ChannelError(
      timeout ? 'HERALD_ERR_CHANNEL_TIMEOUT' : 'HERALD_ERR_CHANNEL_UNAVAILABLE',
      timeout ? `no answer from ${host} within ${timeoutMs} ms` : `cannot reach ${host}: ${(cause as Error).message}`,
      { cause, retryAfterMs: 1000 },
    );
  }
  const { status, text } = answer;
  if (status === 429)
    throw new ChannelError('HERALD_ERR_CHANNEL_RATE_LIMITED', `${host} is throttling (429)`, {
      retryAfterMs: retryAfter(answer.retryAfter) ?? 1000,
      providerCode: 429,
    });
  if (status >= 500)
    throw new ChannelError('HERALD_ERR_CHANNEL_UNAVAILABLE', `${host} answered ${status}`, {
      retryAfterMs: retryAfter(answer.retryAfter) ?? 1000,
      providerCode: status,
    });
  if (status >= 400)
    throw new ChannelError(
      'HERALD_ERR_CHANNEL_CONTENT_REJECTED',
      `${host} refused the request (${status}): ${text.slice(0, 200)}`,
      { providerCode: status },
    );
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new ChannelError('HERALD_ERR_CHANNEL_UNAVAILABLE', `${host} answered with something that is not JSON`, {
      cause,
      retryAfterMs: 1000,
    });
  }
}

/**
 * A call through undici's `request`, over its pool of keep-alive connections per origin: a fifth of
 * `fetch`'s CPU a call (0.15–0.17 against 0.76–0.88 ms on this machine, 16 calls in flight), which a
 * storm's one-by-one sends pay per recipient. The whole answer must come within `timeoutMs` (the signal bounds
 * connecting, the headers and the body at once).
 */
async function requestAnswer(url: string, init: HttpInit, timeoutMs: number): Promise<Answer> {
  const res = await request(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.body.text().catch(() => '');
  return { status: res.statusCode, retryAfter: res.headers['retry-after'], text };
}

/** What a JSON call sends. */
interface HttpInit {
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string;
}

/** One JSON call to a provider (GET without a body, else POST unless `method` says otherwise). */
export function callJson<T>(url: string, body: unknown, options: HttpOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const init: HttpInit = {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
  return exchange<T>(url, () => requestAnswer(url, init, timeoutMs), timeoutMs);
}

/** A multipart POST to the platform (uploads, rare: through `fetch`, which builds the form), failures as callJson's. */
export function postForm<T>(url: string, form: FormData, timeoutMs = 60_000): Promise<T> {
  return exchange<T>(
    url,
    async () => {
      const res = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text().catch(() => '');
      return { status: res.status, retryAfter: res.headers.get('retry-after') ?? undefined, text };
    },
    timeoutMs,
  );
}

/**
 * Runs `work` over `items` with at most `limit` at once. After a failure no new item starts; the
 * ones in flight finish, then the first failure is thrown (as a loop one at a time would have).
 */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
}
