import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiHarness, type ApiHarness } from './api-harness';

// WeChat's customer-service window as a marketer meets it: fans who interacted recently can be
// sent customer-service messages, and an account may shorten the window (its policy override).
let h: ApiHarness;
const now = new Date('2026-11-26T12:00:00Z');
beforeAll(async () => {
  h = await createApiHarness(null, { now: () => now });
});
afterAll(async () => {
  await h?.close();
});

const call = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
  const res = await h.app.inject({ method, url, headers: bearer(h.key), ...(body ? { payload: body as object } : {}) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as Record<string, unknown>;
};
const hoursAgo = (n: number) => new Date(now.getTime() - n * 3_600_000).toISOString();

describe('the customer-service window, as the preview counts it', () => {
  it("counts fans inside the account's own window: 48 hours by default, shorter where it is overridden", async () => {
    const account = async (name: string, quotaOverrides: object) =>
      (
        await call('POST', '/api/channel-accounts', {
          kind: 'wechat_service',
          name,
          baseUrl: 'http://127.0.0.1:9',
          settings: { appId: name },
          credentials: { secret: 's' },
          quotaOverrides,
        })
      ).id as string;
    const standard = await account('Standard', {});
    const shortened = await account('Shortened', { wechat_cs_window: { limit: 1, window: 'day' } });
    // Each fan interacts with both accounts: a message 10 hours ago, a menu click 30 hours ago,
    // a follow 60 hours ago; an unfollow (not an interaction) 1 hour ago.
    const fans = [
      ['fan-10h', 'message', 10],
      ['fan-30h', 'click', 30],
      ['fan-60h', 'follow', 60],
      ['fan-unfollow', 'unfollow', 1],
    ] as const;
    for (const accountId of [standard, shortened])
      await call('POST', '/api/events', {
        events: fans.map(([openid, type, ago]) => ({
          id: `${openid}-${accountId}`,
          type,
          contact: { identity: { kind: 'wechat_openid', value: openid, channelAccountId: accountId } },
          properties: { channelAccountId: accountId },
          occurredAt: hoursAgo(ago),
        })),
      });
    const preview = (channelAccountId: string) =>
      call('POST', '/api/broadcasts/preview', {
        channelAccountId,
        method: 'wechat_customer_service',
        audience: { kind: 'accounts', channelAccountIds: [channelAccountId] },
      });
    expect(await preview(standard)).toEqual({ audience: 4, reachable: 4, sendable: 2 });
    expect(await preview(shortened)).toEqual({ audience: 4, reachable: 4, sendable: 1 });
  });
});
