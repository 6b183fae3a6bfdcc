import { callJson } from './http';
import { fromErrcode, tokenErrcodes } from './channel.errors';

type TokenAnswer = { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };

/**
 * Access tokens per (base URL, app): fetched once, reused until a minute before expiry, and
 * refreshed once when the provider says the token is invalid or expired.
 */
export class TokenCache {
  private tokens = new Map<string, { token: string; expiresAt: number }>();
  private inflight = new Map<string, Promise<string>>();
  fetches = 0;

  private async fetchToken(key: string, url: string): Promise<string> {
    this.fetches++;
    const answer = await callJson<TokenAnswer>(url, undefined);
    if (!answer.access_token) throw fromErrcode(answer.errcode ?? -1, answer.errmsg ?? 'no access_token');
    this.tokens.set(key, {
      token: answer.access_token,
      expiresAt: Date.now() + ((answer.expires_in ?? 7200) - 60) * 1000,
    });
    return answer.access_token;
  }

  /** A valid token (cached, or fetched once even under concurrency). */
  async get(key: string, url: string): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.fetchToken(key, url).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  /** Calls `fn` with a token; on a token error, refreshes once and calls again. */
  async withToken<T extends { errcode?: number; errmsg?: string }>(
    key: string,
    url: string,
    fn: (token: string) => Promise<T>,
  ): Promise<T> {
    const first = await fn(await this.get(key, url));
    if (first.errcode === undefined || !tokenErrcodes.has(first.errcode)) return first;
    this.tokens.delete(key);
    return fn(await this.get(key, url));
  }
}
