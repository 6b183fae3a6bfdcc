import type { FastifyInstance } from 'fastify';
import { contentOf, type SandboxContext } from '../context';
import { wechatMaterialRoutes, type WechatMaterial } from './wechat-material.routes';
import { massResultXml, postCallback, templateResultXml } from '../platform/callbacks';

const month = (t: number) => new Date(t).toISOString().slice(0, 7);
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * WeChat official account APIs: token, mass send by openid list / by tag, customer-service and
 * template messages, with the platform's rules (4 mass messages a fan a month, 100 mass calls a
 * day, the 48 h window, clientmsgid dedup, expiring tokens); permanent materials.
 */
export async function wechatRoutes(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  const fanMonth = new Map<string, number>();
  const callsDay = new Map<string, number>();
  const clientMsgIds = new Map<string, string>();

  app.addHook('onRequest', async (request, reply) => {
    await ctx.faults.apply('wechat', request, reply);
  });
  await wechatMaterialRoutes(app, ctx, new Map<string, WechatMaterial>());

  app.get<{ Querystring: { appid?: string; secret?: string } }>('/cgi-bin/token', async (request) => {
    const { appid, secret } = request.query;
    if (!appid || !secret || secret === 'wrong') return { errcode: 40125, errmsg: 'invalid appsecret' };
    const { token, expiresIn } = ctx.tokens.issue(appid);
    ctx.apps.set(appid, 'wechat');
    return { access_token: token, expires_in: expiresIn };
  });

  const auth = (token: string | undefined) => ctx.tokens.check(token);

  /**
   * Posts a job's result to the account's server when it asked for them (`timings`): awaited before the
   * send call's answer (`before_answer`), or left to arrive after it.
   */
  const tellJobResult = async (
    timings: ReadonlyMap<string, 'after_answer' | 'before_answer'>,
    account: string,
    msgid: string,
    xml: (account: string) => string,
  ) => {
    const timing = timings.get(account);
    const server = ctx.servers.get(account);
    if (!timing || !server) return;
    const told = postCallback(server, xml(account)).then(({ status, body }) => {
      ctx.jobResultAnswers.push({ account, msgid, status, body });
    });
    if (timing === 'before_answer') await told;
  };

  app.post<{ Querystring: { access_token?: string }; Body: Record<string, unknown> }>(
    '/cgi-bin/message/mass/send',
    async (request) => {
      const who = auth(request.query.access_token);
      if ('errcode' in who) return who;
      const body = request.body;
      const touser = body.touser as string[] | undefined;
      if (!Array.isArray(touser) || touser.length < 1 || touser.length > 10_000)
        return { errcode: 40130, errmsg: 'invalid openid list size, 1 to 10000 openids' };
      const clientmsgid = typeof body.clientmsgid === 'string' ? `${who.account}:${body.clientmsgid}` : undefined;
      if (clientmsgid && clientMsgIds.has(clientmsgid)) {
        const content = contentOf(body);
        for (const openid of touser)
          ctx.store.drop({
            channel: 'wechat',
            method: 'mass',
            account: who.account,
            recipient: openid,
            content,
            reason: 'dedup',
          });
        return { errcode: 45065, errmsg: 'clientmsgid exist', msg_id: clientMsgIds.get(clientmsgid) };
      }
      const dayKey = `${who.account}:${day(Date.now())}`;
      if ((callsDay.get(dayKey) ?? 0) >= ctx.wechatMassCallsPerDay)
        return { errcode: 45009, errmsg: 'reach max api daily quota limit' };
      callsDay.set(dayKey, (callsDay.get(dayKey) ?? 0) + 1);
      const msgId = ctx.nextId('wxmass');
      if (clientmsgid) clientMsgIds.set(clientmsgid, msgId);
      const content = contentOf(body);
      let filtered = 0;
      for (const openid of touser) {
        const key = `${who.account}:${openid}:${month(Date.now())}`;
        const n = fanMonth.get(key) ?? 0;
        if (n >= 4) {
          filtered++;
          continue;
        }
        fanMonth.set(key, n + 1);
        ctx.store.add({
          channel: 'wechat',
          method: 'mass',
          account: who.account,
          recipient: openid,
          content,
          providerMessageId: msgId,
        });
      }
      const sent = touser.length - filtered;
      await tellJobResult(ctx.massResults, who.account, msgId, (account) =>
        massResultXml(account, msgId, 'send success', { total: touser.length, filtered: sent, sent, errors: 0 }),
      );
      return {
        errcode: 0,
        errmsg: 'send job submission success',
        msg_id: msgId,
        msg_data_id: msgId,
        filtered_count: filtered,
      };
    },
  );

  app.post<{ Querystring: { access_token?: string }; Body: Record<string, unknown> }>(
    '/cgi-bin/message/mass/sendall',
    async (request) => {
      const who = auth(request.query.access_token);
      if ('errcode' in who) return who;
      const filter = request.body.filter as { is_to_all?: boolean; tag_id?: number } | undefined;
      const msgId = ctx.nextId('wxmass');
      ctx.store.add({
        channel: 'wechat',
        method: 'mass_all',
        account: who.account,
        recipient: filter?.is_to_all ? 'all' : `tag:${filter?.tag_id}`,
        content: contentOf(request.body),
        providerMessageId: msgId,
      });
      return { errcode: 0, errmsg: 'send job submission success', msg_id: msgId };
    },
  );

  app.post<{ Querystring: { access_token?: string }; Body: Record<string, unknown> }>(
    '/cgi-bin/message/custom/send',
    async (request) => {
      const who = auth(request.query.access_token);
      if ('errcode' in who) return who;
      const openid = String(request.body.touser ?? '');
      if (ctx.unfollowed.has(`${who.account}:${openid}`)) return notFollowing;
      const last = ctx.interactions.get(`${who.account}:${openid}`);
      if (last === undefined || Date.now() - last > 48 * 3600_000)
        return { errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' };
      const id = ctx.nextId('wxcs');
      ctx.store.add({
        channel: 'wechat',
        method: 'customer_service',
        account: who.account,
        recipient: openid,
        content: contentOf(request.body),
        providerMessageId: id,
      });
      return { errcode: 0, errmsg: 'ok' };
    },
  );

  // The account's message templates, as the platform lists them (fields appear as {{name.DATA}}).
  app.get<{ Querystring: { access_token?: string } }>('/cgi-bin/template/get_all_private_template', async (request) => {
    const who = auth(request.query.access_token);
    if ('errcode' in who) return who;
    return { template_list: sandboxTemplates };
  });

  app.post<{ Querystring: { access_token?: string }; Body: Record<string, unknown> }>(
    '/cgi-bin/message/template/send',
    async (request) => {
      const who = auth(request.query.access_token);
      if ('errcode' in who) return who;
      const {
        touser,
        template_id: templateId,
        data,
      } = request.body as { touser?: string; template_id?: string; data?: Record<string, { value: string }> };
      if (!touser) return { errcode: 40003, errmsg: 'invalid openid' };
      if (ctx.unfollowed.has(`${who.account}:${touser}`)) return notFollowing;
      if (!templateId || !sandboxTemplates.some((t) => t.template_id === templateId))
        return { errcode: 40037, errmsg: 'invalid template_id' };
      const msgid = ctx.nextId('wxtpl');
      const content = `[template ${templateId}] ${Object.entries(data ?? {})
        .map(([k, v]) => `${k}=${v.value}`)
        .join(' ')}`;
      ctx.store.add({
        channel: 'wechat',
        method: 'template',
        account: who.account,
        recipient: touser,
        content,
        providerMessageId: msgid,
      });
      await tellJobResult(ctx.templateResults, who.account, msgid, (account) =>
        templateResultXml(account, touser, msgid, 'success'),
      );
      return { errcode: 0, errmsg: 'ok', msgid };
    },
  );
}

/** The platform's answer to a message for a fan who does not follow the account. */
const notFollowing = { errcode: 43004, errmsg: 'require subscribe' };

/** The templates every sandbox account has; a send naming another template id gets 40037, as on the platform. */
export const sandboxTemplates = [
  {
    template_id: 'tpl-order-shipped',
    title: 'Order shipped',
    primary_industry: 'IT',
    deputy_industry: 'E-commerce',
    content: '{{first.DATA}}\nOrder: {{keyword1.DATA}}\nCarrier: {{keyword2.DATA}}\n{{remark.DATA}}',
    example: '',
  },
  {
    template_id: 'tpl-appointment',
    title: 'Appointment reminder',
    primary_industry: 'IT',
    deputy_industry: 'Services',
    content: '{{first.DATA}}\nTime: {{time.DATA}}\nPlace: {{place.DATA}}',
    example: '',
  },
];
