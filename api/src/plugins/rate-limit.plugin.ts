import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';

/** Requests a client may make per minute, by kind of client. */
export interface RateLimits {
  /** A workspace (API key or signed-in member), across all its /api calls. */
  apiPerMinute: number;
  /** One IP address without a workspace: webhooks (providers, forms) and anonymous calls. */
  webhooksPerMinute: number;
  /** Sign-in attempts from one IP address (password guessing). */
  loginPerMinute: number;
  /**
   * A platform's callbacks to one channel account (WeChat posts from a few addresses, thousands a
   * minute after a QR code at an event; WeCom's app one per employee answer; receipts): counted per
   * account, not per IP, so a legitimate burst is never refused (platforms give up after a few
   * retries); each is checked by signature before any work.
   */
  providerPerMinute: number;
}

export const defaultRateLimits: RateLimits = {
  apiPerMinute: 6000,
  webhooksPerMinute: 6000,
  loginPerMinute: 30,
  providerPerMinute: 600_000,
};

/**
 * The channel account a platform callback is for, or null: WeChat's (`/webhooks/wechat/:accountId`), the
 * WeCom app's employee answers (`/webhooks/wecom/:accountId`, one per agent message acted on: tens of
 * thousands a minute while a journey's employees work through their requests) and a provider's receipts.
 */
const callbackAccountId = (url: string): string | null =>
  /^\/webhooks\/(?:wechat|wecom|receipts)\/([^/?]+)/.exec(url)?.[1] ?? null;

/**
 * Rate limits; over the budget the error handler answers 429 HERALD_ERR_RATE_LIMITED with Retry-After. It runs after
 * authentication (preParsing, before the body is read), so a workspace is counted as one client
 * whatever keys it uses, and a caller cannot get a fresh budget by sending made-up keys: those are
 * refused by authentication, and everyone else is counted by IP.
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance, limits: Partial<RateLimits>) => {
    const l = { ...defaultRateLimits, ...limits };
    const keyOf = (request: FastifyRequest): string => {
      if (request.method === 'POST' && request.url.split('?')[0] === '/api/auth/login') return `login:${request.ip}`;
      const account = callbackAccountId(request.url);
      if (account) return `provider:${account}`;
      return request.caller ? `ws:${request.caller.workspaceId}` : `ip:${request.ip}`;
    };
    await app.register(rateLimit, {
      hook: 'preParsing',
      timeWindow: '1 minute',
      keyGenerator: keyOf,
      max: (_request, key) =>
        key.startsWith('ws:')
          ? l.apiPerMinute
          : key.startsWith('login:')
            ? l.loginPerMinute
            : key.startsWith('provider:')
              ? l.providerPerMinute
              : l.webhooksPerMinute,
    });
  },
  { name: 'herald-rate-limit', dependencies: ['herald-auth'] },
);
