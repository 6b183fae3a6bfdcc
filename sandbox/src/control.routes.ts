import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from './context';
import type { FaultSpec } from './faults';
import type { ReceivedMessage } from './store';
import type { ReceiptPoster } from './receipts';

/** The sandbox's own API (/_sandbox/…): what arrived, faults, receipts, WeCom confirmations. Never faulted. */
export async function controlRoutes(app: FastifyInstance, ctx: SandboxContext, receipts: ReceiptPoster): Promise<void> {
  app.post<{ Body: { account: string; url: string; secret: string; readShare?: number; replyShare?: number } }>(
    '/_sandbox/receipts',
    async (request) => {
      const { account, ...config } = request.body;
      receipts.configure(account, config);
      return { ok: true };
    },
  );
  app.get<{
    Querystring: Partial<Pick<ReceivedMessage, 'channel' | 'method' | 'account' | 'recipient'>> & { limit?: string };
  }>('/_sandbox/messages', async (request) => {
    const { limit, ...filter } = request.query;
    return {
      messages: ctx.store.query(filter as Parameters<typeof ctx.store.query>[0], limit ? Number(limit) : 1000),
      total: ctx.store.size,
    };
  });
  app.get('/_sandbox/stats', async () => ({ messages: ctx.store.stats(), tokensIssued: ctx.tokens.issued }));
  app.delete('/_sandbox/messages', async () => {
    ctx.store.clear();
    return { ok: true };
  });
  app.post<{ Body: { family?: string } & FaultSpec }>('/_sandbox/faults', async (request) => {
    const { family = '*', ...spec } = request.body ?? {};
    ctx.faults.set(family, spec);
    return { faults: ctx.faults.snapshot() };
  });
  app.delete('/_sandbox/faults', async () => {
    ctx.faults.clear();
    return { faults: {} };
  });
  app.post<{ Body: { account: string; openid: string; at?: number } }>(
    '/_sandbox/wechat/interactions',
    async (request) => {
      ctx.interactions.set(`${request.body.account}:${request.body.openid}`, request.body.at ?? Date.now());
      return { ok: true };
    },
  );
  app.post<{ Body: { msgid?: string } }>('/_sandbox/wecom/confirm', async (request) => {
    const tasks = request.body?.msgid
      ? [ctx.wecomTasks.get(request.body.msgid)].filter((t) => t !== undefined)
      : [...ctx.wecomTasks.values()];
    tasks.forEach((t) => ctx.confirmWecomTask(t));
    return { confirmed: tasks.length };
  });
}
