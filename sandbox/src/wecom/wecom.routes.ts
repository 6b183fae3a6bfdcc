import type { FastifyInstance } from 'fastify';
import { contentOf, type SandboxContext, type WecomTask } from '../context';
import { parseMultipart } from '../wechat/wechat-material.routes';
import { parseRequest, scheduleRequest } from './employee-requests';

/** The calendar day of an instant in China Standard Time (UTC+8), the platform's day. */
const day = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * WeCom APIs: token, temporary media (3 days; a message naming any other media id gets 40007),
 * app (agent) messages to members with duplicate check — one whose text starts with a request line
 * asks the member to send it on to a customer (`employee-requests.ts`) — and enterprise group messages as
 * tasks the owning employee confirms (after `confirmDelayMs`, or through the control API);
 * a contact receives at most one group message a day from the company (status 3 otherwise).
 */
export async function wecomRoutes(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  const recentAgent = new Map<string, number>();
  // Temporary media (media/upload): valid 3 days, only for the corp that uploaded it.
  const media = new Map<string, { corp: string; type: string; createdAt: number; filename: string; size: number }>();
  const mediaLimits: Record<string, number> = {
    image: 10 * 1024 * 1024,
    voice: 2 * 1024 * 1024,
    video: 10 * 1024 * 1024,
    file: 20 * 1024 * 1024,
  };
  /** The media ids a message body names, and whether each is a live upload of this corp. */
  const unknownMedia = (corp: string, bodies: Array<Record<string, unknown>>) =>
    bodies.flatMap((b) => {
      const type = String(b.msgtype ?? '');
      const id = (b[type] as { media_id?: unknown } | undefined)?.media_id;
      if (!(type in mediaLimits) || id === undefined) return [];
      const held = typeof id === 'string' ? media.get(id) : undefined;
      return held && held.corp === corp && Date.now() - held.createdAt < 3 * 86_400_000 ? [] : [String(id)];
    });

  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: 32 * 1024 * 1024 },
    (_request, body, done) => {
      done(null, body);
    },
  );

  app.post<{ Querystring: { access_token?: string; type?: string } }>('/cgi-bin/media/upload', async (request) => {
    const who = ctx.tokens.check(request.query.access_token);
    if ('errcode' in who) return who;
    const type = request.query.type ?? '';
    const max = mediaLimits[type];
    if (!max) return { errcode: 40004, errmsg: 'invalid media type' };
    const part = (
      Buffer.isBuffer(request.body) ? parseMultipart(request.body, String(request.headers['content-type'])) : []
    ).find((p) => p.name === 'media' && p.filename !== undefined);
    if (!part) return { errcode: 41005, errmsg: 'media data missing' };
    if (part.data.length < 5 || part.data.length > max) return { errcode: 40006, errmsg: 'invalid file size' };
    const mediaId = ctx.nextId('wcmedia');
    const createdAt = Date.now();
    media.set(mediaId, { corp: who.account, type, createdAt, filename: part.filename ?? '', size: part.data.length });
    return { errcode: 0, errmsg: 'ok', type, media_id: mediaId, created_at: String(Math.floor(createdAt / 1000)) };
  });

  app.addHook('onRequest', async (request, reply) => {
    await ctx.faults.apply('wecom', request, reply);
  });

  app.get<{ Querystring: { corpid?: string; corpsecret?: string } }>('/cgi-bin/gettoken', async (request) => {
    const { corpid, corpsecret } = request.query;
    if (!corpid || !corpsecret || corpsecret === 'wrong') return { errcode: 40001, errmsg: 'invalid credential' };
    const { token, expiresIn } = ctx.tokens.issue(corpid);
    ctx.apps.set(corpid, 'wecom');
    return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: expiresIn };
  });

  app.post<{ Querystring: { access_token?: string }; Body: Record<string, unknown> }>(
    '/cgi-bin/message/send',
    ctx.tokens.authorized(async (account, request) => {
      const body = request.body;
      const users = String(body.touser ?? '')
        .split('|')
        .filter(Boolean);
      if (users.length === 0 || users.length > 1000) return { errcode: 40031, errmsg: 'invalid user list' };
      if (unknownMedia(account, [body]).length > 0) return { errcode: 40007, errmsg: 'invalid media_id' };
      const content = contentOf(body);
      const interval = Number(body.duplicate_check_interval ?? 1800) * 1000;
      const msgid = ctx.nextId('wcagent');
      const actedFirst: Array<Promise<unknown>> = [];
      for (const user of users) {
        const key = `${account}:${user}:${content}`;
        const last = recentAgent.get(key);
        if (body.enable_duplicate_check && last !== undefined && Date.now() - last < interval) {
          ctx.store.drop({
            channel: 'wecom',
            method: 'app',
            account: account,
            recipient: user,
            content,
            reason: 'dedup',
          });
          continue;
        }
        recentAgent.set(key, Date.now());
        ctx.store.add({
          channel: 'wecom',
          method: 'app',
          account: account,
          recipient: user,
          content,
          providerMessageId: msgid,
        });
        const asked = body.msgtype === 'text' ? parseRequest(content) : undefined;
        // An attachment comes before its request (Herald sends the request last): held until the request takes it.
        const held = `${account}:${user}`;
        if (body.msgtype !== 'text') ctx.heldAttachments.set(held, [...(ctx.heldAttachments.get(held) ?? []), content]);
        if (asked) {
          const request = {
            msgid,
            corp: account,
            employee: user,
            ...asked,
            attachments: ctx.heldAttachments.get(held) ?? [],
            createdAt: Date.now(),
            state: 'waiting' as const,
          };
          ctx.heldAttachments.delete(held);
          ctx.employeeRequests.set(msgid, request);
          const acted = scheduleRequest(ctx, request);
          if (acted) actedFirst.push(acted);
        }
      }
      await Promise.all(actedFirst);
      return { errcode: 0, errmsg: 'ok', invaliduser: '', msgid };
    }),
  );

  app.post<{ Querystring: { access_token?: string }; Body: Record<string, unknown> }>(
    '/cgi-bin/externalcontact/add_msg_template',
    ctx.tokens.authorized(async (account, request) => {
      const body = request.body;
      const chatType = String(body.chat_type ?? 'single');
      const targets = (chatType === 'single' ? body.external_userid : body.chat_id_list) as string[] | undefined;
      if (!Array.isArray(targets) || targets.length === 0 || targets.length > 10_000)
        return { errcode: 40058, errmsg: 'invalid external_userid list' };
      const attachments = Array.isArray(body.attachments) ? (body.attachments as Array<Record<string, unknown>>) : [];
      if (attachments.length > 9) return { errcode: 41063, errmsg: 'too many attachments' };
      if (unknownMedia(account, attachments).length > 0) return { errcode: 40007, errmsg: 'invalid media_id' };
      const text = (body.text as { content?: string } | undefined)?.content ?? '';
      // What a target sees: the text, then each attachment as [type media_id].
      const content = [text, ...attachments.map((a) => contentOf(a))].filter(Boolean).join(' ');
      const task: WecomTask = {
        msgid: ctx.nextId('wcgroup'),
        corp: account,
        sender: String(body.sender ?? ''),
        chatType,
        targets,
        content,
        confirmed: false,
        results: new Map(targets.map((t) => [t, 0])),
      };
      ctx.wecomTasks.set(task.msgid, task);
      if (ctx.confirmDelayMs >= 0) setTimeout(() => ctx.confirmWecomTask(task), ctx.confirmDelayMs).unref();
      return { errcode: 0, errmsg: 'ok', fail_list: [], msgid: task.msgid };
    }),
  );

  // Paged like the platform: at most `limit` (≤ 1,000) results a call, `next_cursor` for the rest.
  app.post<{
    Querystring: { access_token?: string };
    Body: { msgid?: string; userid?: string; limit?: number; cursor?: string };
  }>('/cgi-bin/externalcontact/get_groupmsg_send_result', async (request) => {
    const who = ctx.tokens.check(request.query.access_token);
    if ('errcode' in who) return who;
    const task = ctx.wecomTasks.get(String(request.body.msgid));
    if (!task) return { errcode: 41063, errmsg: 'msgid not found' };
    const limit = Math.min(1000, Math.max(1, Number(request.body.limit) || 500));
    const from = Number(request.body.cursor || 0);
    if (!Number.isInteger(from) || from < 0) return { errcode: 40011, errmsg: 'invalid cursor' };
    const page = [...task.results].slice(from, from + limit);
    const next = from + page.length < task.results.size ? String(from + page.length) : '';
    return {
      errcode: 0,
      errmsg: 'ok',
      next_cursor: next,
      send_list: page.map(([target, status]) => ({
        [task.chatType === 'single' ? 'external_userid' : 'chat_id']: target,
        userid: task.sender,
        status,
      })),
    };
  });
}

/**
 * The employee's confirmation: each target gets the message unless it is a customer the directory
 * says the employee does not have (status 2), or it had a group message today in China Standard
 * Time, from this employee or another (status 3).
 */
export function makeWecomConfirm(ctx: Pick<SandboxContext, 'store' | 'directories'>): (task: WecomTask) => void {
  const { store } = ctx;
  const groupDay = new Map<string, string>();
  return (task) => {
    if (task.confirmed) return;
    task.confirmed = true;
    const customers = new Map((ctx.directories.get(task.corp)?.customers ?? []).map((c) => [c.externalUserId, c]));
    for (const target of task.targets) {
      const key = `${task.corp}:${target}`;
      const known = task.chatType === 'single' ? customers.get(target) : undefined;
      if (known && !known.followers.includes(task.sender)) {
        task.results.set(target, 2);
        continue;
      }
      if (task.chatType === 'single' && groupDay.get(key) === day(Date.now())) {
        task.results.set(target, 3);
        store.drop({
          channel: 'wecom',
          method: 'group_msg',
          account: task.corp,
          recipient: target,
          content: task.content,
          reason: 'daily_limit',
        });
        continue;
      }
      groupDay.set(key, day(Date.now()));
      task.results.set(target, 1);
      store.add({
        channel: 'wecom',
        method: task.chatType === 'single' ? 'group_msg' : 'group_msg_chat',
        account: task.corp,
        recipient: target,
        content: task.content,
        providerMessageId: task.msgid,
      });
    }
  };
}
