import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from './context';
import type { FaultSpec } from './faults';
import type { ReceivedMessage } from './store';
import type { ReceiptPoster } from './receipts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The sandbox's own API (/_sandbox/…) and a page listing what arrived. Never faulted. */
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
  app.get('/', async (_request, reply) => {
    const cells = (values: string[]) => `<tr>${values.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`;
    const rows = ctx.store
      .query({}, 200)
      .reverse()
      .map((m) => cells([new Date(m.at).toISOString(), m.channel, m.method, m.recipient, m.content]))
      .join('');
    const style =
      'body{font:14px system-ui;margin:2rem}td,th{padding:4px 8px;border-bottom:1px solid #eee;text-align:left}';
    const head = '<tr><th>at</th><th>channel</th><th>method</th><th>recipient</th><th>content</th></tr>';
    return reply
      .type('text/html')
      .send(
        `<!doctype html><meta charset="utf-8"><title>Herald channel sandbox</title><style>${style}</style>` +
          `<h1>Channel sandbox</h1><p>${ctx.store.size} messages received (newest first, last 200).</p>` +
          `<table>${head}${rows}</table>`,
      );
  });
}
