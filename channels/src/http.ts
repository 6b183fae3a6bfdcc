import { ChannelError } from './channel.errors';
import { checkEgress, openEgress, type EgressPolicy } from './egress';

export interface HttpOptions {
  timeoutMs?: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST' | 'PUT';
}

/** Seconds or an HTTP date in Retry-After, as milliseconds. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

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
async function exchange<T>(url: string, init: RequestInit, timeoutMs: number): Promise<T> {
  await checkEgress(egress, url);
  const host = new URL(url).host;
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    const timeout = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
    throw new ChannelError(
      timeout ? 'HERALD_ERR_CHANNEL_TIMEOUT' : 'HERALD_ERR_CHANNEL_UNAVAILABLE',
      timeout ? `no answer from ${host} within ${timeoutMs} ms` : `cannot reach ${host}: ${(cause as Error).message}`,
      { cause, retryAfterMs: 1000 },
    );
  }
  const text = await response.text().catch(() => '');
  if (response.status === 429)
    throw new ChannelError('HERALD_ERR_CHANNEL_RATE_LIMITED', `${host} is throttling (429)`, {
      retryAfterMs: retryAfter(response.headers.get('retry-after')) ?? 1000,
      providerCode: 429,
    });
  if (response.status >= 500)
    throw new ChannelError('HERALD_ERR_CHANNEL_UNAVAILABLE', `${host} answered ${response.status}`, {
      retryAfterMs: retryAfter(response.headers.get('retry-after')) ?? 1000,
      providerCode: response.status,
    });
  if (response.status >= 400)
    throw new ChannelError(
      'HERALD_ERR_CHANNEL_CONTENT_REJECTED',
      `${host} refused the request (${response.status}): ${text.slice(0, 200)}`,
      { providerCode: response.status },
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

/** One JSON call to a provider (GET without a body, else POST unless `method` says otherwise). */
export function callJson<T>(url: string, body: unknown, options: HttpOptions = {}): Promise<T> {
  return exchange<T>(
    url,
    {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    options.timeoutMs ?? 15_000,
  );
}

/** A multipart POST to the platform (uploads), failures sorted as callJson's. */
export function postForm<T>(url: string, form: FormData, timeoutMs = 60_000): Promise<T> {
  return exchange<T>(url, { method: 'POST', body: form }, timeoutMs);
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
