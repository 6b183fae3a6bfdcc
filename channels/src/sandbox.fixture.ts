// The channel sandbox and fresh channel clients for the adapter tests (a test helper, not exported).
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type Sandbox } from '@herald/sandbox';
import { emptyTemplateContact } from '@herald/engine';
import { ChannelClients } from './channel-clients';
import type { AccountConfig, SendRequest } from './channel.types';

export interface SandboxContext {
  sandbox: Sandbox;
  clients: ChannelClients;
}

/** Starts the sandbox for the file, with new clients and a clean store before each test. */
export function useChannelSandbox(): SandboxContext {
  const ctx = {} as SandboxContext;
  beforeAll(async () => {
    ctx.sandbox = await startSandbox({ confirmDelayMs: -1, smtpPort: 0 });
  });
  afterAll(async () => {
    await ctx.sandbox.close();
  });
  afterEach(() => {
    ctx.clients.close();
  });
  beforeEach(() => {
    ctx.clients = new ChannelClients();
    ctx.sandbox.faults.clear();
    ctx.sandbox.store.clear();
  });
  return ctx;
}

/** One text message. */
export const text = (t: string) => [{ type: 'text' as const, text: t }];

/** A WeChat service account on the sandbox. */
export const wechatAccount = (ctx: SandboxContext): AccountConfig => ({
  id: 'acc-wx',
  kind: 'wechat_service',
  baseUrl: ctx.sandbox.url,
  settings: { appId: 'wx-app' },
  credentials: { secret: 's' },
});

/** A WeCom account on the sandbox. */
export const wecomAccount = (ctx: SandboxContext): AccountConfig => ({
  id: 'acc-wc',
  kind: 'wecom',
  baseUrl: ctx.sandbox.url,
  settings: { corpId: 'corp', agentId: 1000002 },
  credentials: { secret: 's' },
});

/** `n` recipients with addresses `${prefix}0`…, owned by three employees in turn. */
export const people = (n: number, prefix = 'o') =>
  Array.from({ length: n }, (_, i) => ({
    key: String(i),
    address: `${prefix}${i}`,
    owners: [`emp${i % 3}`],
    contact: { ...emptyTemplateContact, name: `Fan ${i}` },
  }));

/** A WeChat mass send of "hello" to two fans, with a fresh dedup key, changed by `patch`. */
export const request = (ctx: SandboxContext, patch: Partial<SendRequest>): SendRequest => ({
  method: 'wechat_mass',
  account: wechatAccount(ctx),
  recipients: people(2),
  messages: text('hello'),
  dedupKey: `k-${Math.random()}`,
  ...patch,
});
