import { randomBytes } from 'node:crypto';

/** Access tokens with an expiry, as both WeChat and WeCom issue them. */
export class TokenBook {
  private tokens = new Map<string, { account: string; expiresAt: number }>();
  issued = 0;
  constructor(public ttlSeconds: number) {}

  issue(account: string): { token: string; expiresIn: number } {
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, { account, expiresAt: Date.now() + this.ttlSeconds * 1000 });
    this.issued++;
    return { token, expiresIn: this.ttlSeconds };
  }

  /** Expires every issued token now, as a platform does when it rotates them. */
  expireAll(): void {
    for (const entry of this.tokens.values()) entry.expiresAt = 0;
  }

  /** The account a token belongs to, or the platform's error code (40014 invalid, 42001 expired). */
  check(token: string | undefined): { account: string } | { errcode: number; errmsg: string } {
    const entry = token ? this.tokens.get(token) : undefined;
    if (!entry) return { errcode: 40014, errmsg: 'invalid access_token' };
    if (Date.now() >= entry.expiresAt) return { errcode: 42001, errmsg: 'access_token expired' };
    return { account: entry.account };
  }
  /**
   * A platform call's handler that needs an access token: it runs for the token's account, else the call
   * gets the platform's error (invalid or expired token).
   */
  authorized<R extends { query: { access_token?: string } }, T>(
    handler: (account: string, request: R) => T | Promise<T>,
  ): (request: R) => Promise<T | { errcode: number; errmsg: string }> {
    return async (request) => {
      const who = this.check(request.query.access_token);
      return 'errcode' in who ? who : handler(who.account, request);
    };
  }
}
