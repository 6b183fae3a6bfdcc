import type { FastifyInstance } from 'fastify';
import { setFollowing, type SandboxContext } from './context';
import type { FaultSpec } from './faults';
import type { ReceivedMessage } from './store';
import type { ReceiptConfig, ReceiptPoster } from './receipts';
import type { EmployeeBehaviour } from './wecom/employee-requests';
import { defaultDirectory, type WecomDirectory } from './wecom/wecom-directory.routes';

/** The sandbox's own API (/_sandbox/…): what arrived, faults, receipts, WeCom confirmations. Never faulted. */
export async function controlRoutes(app: FastifyInstance, ctx: SandboxContext, receipts: ReceiptPoster): Promise<void> {
  app.post<{ Body: { account: string } & ReceiptConfig }>('/_sandbox/receipts', async (request) => {
    const { account, ...config } = request.body;
    receipts.configure(account, config);
    return { ok: true };
  });
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
  // A fan unfollows an official account (or follows it again, `following: true`): template and customer-service
  // messages to them are refused with 43004, as the platform refuses them.
  app.post<{ Body: { account?: string; openid?: string; following?: boolean } }>(
    '/_sandbox/wechat/unfollow',
    async (request, reply) => {
      const { account, openid, following = false } = request.body ?? {};
      if (!account || !openid) return reply.status(400).send({ ok: false, body: 'Name the account and the openid.' });
      setFollowing(ctx, account, openid, following);
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
  // The WeCom app's callback configuration: where it tells Herald what employees did with requests.
  app.post<{ Body: { corpId?: string; url?: string; token?: string } }>('/_sandbox/wecom/callback', async (request) => {
    const { corpId = '', url = '', token = '' } = request.body ?? {};
    if (!corpId || !token) return { ok: false, status: null, body: 'Give the Corp ID and the Token.' };
    try {
      new URL(url);
    } catch {
      return { ok: false, status: null, body: 'The URL is not a web address.' };
    }
    ctx.wecomCallbacks.set(corpId, { url, token });
    ctx.apps.set(corpId, 'wecom');
    return { ok: true, status: 200, body: 'saved' };
  });
  // An employee sends a request on to the customer, or declines it (the page's buttons).
  app.post<{ Body: { msgid?: string; action?: string } }>('/_sandbox/wecom/requests/act', async (request, reply) => {
    const found = ctx.employeeRequests.get(String(request.body?.msgid));
    const action = request.body?.action;
    if (!found || (action !== 'send' && action !== 'decline'))
      return reply.status(400).send({ ok: false, body: 'Name a waiting request (msgid) and send or decline.' });
    return ctx.actOnRequest(found, action);
  });
  // Every waiting request of a corp (or of all corps) sent on, or declined, by its employee.
  app.post<{ Body: { corpId?: string; action?: string } }>(
    '/_sandbox/wecom/requests/act-all',
    async (request, reply) => {
      const { corpId, action } = request.body ?? {};
      if (action !== 'send' && action !== 'decline')
        return reply.status(400).send({ ok: false, body: 'action: send or decline' });
      const waiting = [...ctx.employeeRequests.values()].filter(
        (r) => r.state === 'waiting' && (!corpId || r.corp === corpId),
      );
      for (const r of waiting) await ctx.actOnRequest(r, action);
      return { acted: waiting.length };
    },
  );
  // What an employee (or `*`, everyone) does with the requests that arrive from now on.
  app.post<{ Body: { corpId?: string; userid?: string } & Partial<EmployeeBehaviour> }>(
    '/_sandbox/wecom/behaviour',
    async (request, reply) => {
      const { corpId, userid, action, delayMs = 0, beforeAnswer = false } = request.body ?? {};
      if (!action || !['send', 'decline', 'ignore', 'manual'].includes(action))
        return reply.status(400).send({ ok: false, body: 'action: send, decline, ignore or manual' });
      ctx.employeeBehaviours.set(corpId && userid ? `${corpId}:${userid}` : '*', { action, delayMs, beforeAnswer });
      return { ok: true };
    },
  );
  // Which official accounts get template or mass job results at their server (TEMPLATESENDJOBFINISH,
  // MASSSENDJOBFINISH), and when.
  const jobResults = { 'template-results': ctx.templateResults, 'mass-results': ctx.massResults };
  for (const [kind, timings] of Object.entries(jobResults))
    app.post<{ Body: { appId?: string; timing?: string } }>(`/_sandbox/wechat/${kind}`, async (request, reply) => {
      const { appId = '', timing } = request.body ?? {};
      if (!appId || (timing !== 'after_answer' && timing !== 'before_answer' && timing !== 'never'))
        return reply.status(400).send({ ok: false, body: 'appId, and timing: after_answer, before_answer or never' });
      if (timing === 'never') timings.delete(appId);
      else timings.set(appId, timing);
      return { ok: true };
    });
  // A corp's address book: members, customers (with the members who added them) and group chats.
  app.post<{ Body: { corpId?: string } & Partial<WecomDirectory> }>('/_sandbox/wecom/directory', async (request) => {
    const { corpId = '', ...directory } = request.body ?? {};
    ctx.directories.set(corpId, { ...defaultDirectory(), ...directory });
    return { ok: true };
  });
}
