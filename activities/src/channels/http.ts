import { ChannelError } from './channel.errors';

export interface HttpOptions { timeoutMs?: number; headers?: Record<string, string>; method?: 'GET' | 'POST' }

/** Seconds or an HTTP date in Retry-After, as milliseconds. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * One JSON call to a provider. Network failures, timeouts, 429 and 5xx become retryable
 * ChannelErrors (with Retry-After); other 4xx become user errors; the body is returned otherwise.
 */
export async function callJson<T>(url: string, body: unknown, options: HttpOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (cause) {
    const timeout = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
    throw new ChannelError(timeout ? 'HERALD_ERR_CHANNEL_TIMEOUT' : 'HERALD_ERR_CHANNEL_UNAVAILABLE',
      timeout ? `no answer from ${new URL(url).host} within ${options.timeoutMs ?? 15_000} ms` : `cannot reach ${new URL(url).host}: ${(cause as Error).message}`, { cause, retryAfterMs: 1000 });
  }
  const text = await response.text().catch(() => '');
  if (response.status === 429) throw new ChannelError('HERALD_ERR_CHANNEL_RATE_LIMITED', `${new URL(url).host} is throttling (429)`, { retryAfterMs: retryAfter(response.headers.get('retry-after')) ?? 1000, providerCode: 429 });
  if (response.status >= 500) throw new ChannelError('HERALD_ERR_CHANNEL_UNAVAILABLE', `${new URL(url).host} answered ${response.status}`, { retryAfterMs: retryAfter(response.headers.get('retry-after')) ?? 1000, providerCode: response.status });
  if (response.status >= 400) throw new ChannelError('HERALD_ERR_CHANNEL_CONTENT_REJECTED', `${new URL(url).host} refused the request (${response.status}): ${text.slice(0, 200)}`, { providerCode: response.status });
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new ChannelError('HERALD_ERR_CHANNEL_UNAVAILABLE', `${new URL(url).host} answered with something that is not JSON`, { cause, retryAfterMs: 1000 });
  }
}

/** A multipart POST to the platform; failures sorted like callJson's (network/5xx/429 retryable). */
export async function postForm<T>(url: string, form: FormData, timeoutMs = 60_000): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    const timeout = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
    throw new ChannelError(timeout ? 'HERALD_ERR_CHANNEL_TIMEOUT' : 'HERALD_ERR_CHANNEL_UNAVAILABLE', timeout ? `no answer from ${new URL(url).host} within ${timeoutMs} ms` : `cannot reach ${new URL(url).host}: ${(cause as Error).message}`, { cause, retryAfterMs: 1000 });
  }
  const text = await response.text().catch(() => '');
  if (response.status === 429) throw new ChannelError('HERALD_ERR_CHANNEL_RATE_LIMITED', `${new URL(url).host} is throttling (429)`, { retryAfterMs: 1000, providerCode: 429 });
  if (response.status >= 500) throw new ChannelError('HERALD_ERR_CHANNEL_UNAVAILABLE', `${new URL(url).host} answered ${response.status}`, { retryAfterMs: 1000, providerCode: response.status });
  if (response.status >= 400) throw new ChannelError('HERALD_ERR_CHANNEL_CONTENT_REJECTED', `${new URL(url).host} refused the upload (${response.status}): ${text.slice(0, 200)}`, { providerCode: response.status });
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new ChannelError('HERALD_ERR_CHANNEL_UNAVAILABLE', `${new URL(url).host} answered with something that is not JSON`, { cause, retryAfterMs: 1000 });
  }
}
