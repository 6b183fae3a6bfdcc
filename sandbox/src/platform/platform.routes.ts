import type { FastifyInstance } from 'fastify';
import { setFollowing, type SandboxContext } from '../context';
import { callbackXml, opensWindow, postCallback, postFormSubmission, verifyServer, type FanAction } from './callbacks';
import { platformPage } from './platform-page';

type Simulate = { appid: string; openid: string; action: FanAction };
type FormSubmit = {
  url: string;
  secret: string;
  contact: { externalId?: string; email?: string; phone?: string; name?: string };
  fields?: Record<string, string>;
};

const bad = (message: string) => ({ ok: false, status: null, body: message });

/**
 * The sandbox as the platform (/_sandbox/…, and the page at /): an official account's server
 * configuration (verified as WeChat does), a fan's follow, message or menu click posted to it signed,
 * a form submission posted signed, WeCom tasks an employee confirms, and what Herald sent.
 */
export async function platformRoutes(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  const fansOf = (appid: string) => {
    let set = ctx.fans.get(appid);
    if (!set) ctx.fans.set(appid, (set = new Set()));
    return set;
  };

  app.get('/_sandbox/platform', async () => {
    for (const m of ctx.store.query({ channel: 'wechat' }, 500)) fansOf(m.account).add(m.recipient);
    return {
      apps: [...ctx.apps].map(([id, platform]) => ({
        id,
        platform,
        server: ctx.servers.get(id)?.url ?? null,
        fans: [...(ctx.fans.get(id) ?? [])].slice(-200),
      })),
      tasks: [...ctx.wecomTasks.values()].slice(-50).map((t) => ({
        msgid: t.msgid,
        corp: t.corp,
        sender: t.sender,
        targets: t.targets.length,
        content: t.content,
        confirmed: t.confirmed,
      })),
      requests: [...ctx.employeeRequests.values()].slice(-50).map((r) => ({
        msgid: r.msgid,
        corp: r.corp,
        employee: r.employee,
        customer: r.customerName ? `${r.customerName} (${r.customer})` : r.customer,
        content: r.content,
        state: r.state,
        answer: r.answer ?? null,
      })),
      callbacks: [...ctx.wecomCallbacks].map(([corp, c]) => ({ corp, url: c.url })),
      messages: ctx.store.query({}, 100).reverse(),
      total: ctx.store.size,
    };
  });

  app.post<{ Body: { appid?: string; url?: string; token?: string } }>(
    '/_sandbox/wechat/server-config',
    async (request) => {
      const { appid = '', url = '', token = '' } = request.body ?? {};
      if (!appid || !token) return bad('Give the AppID and the Token.');
      try {
        new URL(url);
      } catch {
        return bad('The URL is not a web address.');
      }
      const answer = await verifyServer({ url, token });
      // WeChat saves a configuration only when the server passed its check.
      if (answer.ok) {
        ctx.apps.set(appid, 'wechat');
        ctx.servers.set(appid, { url, token });
      }
      return answer;
    },
  );

  app.post<{ Body: Simulate }>('/_sandbox/wechat/simulate', async (request) => {
    const { appid, openid, action } = request.body ?? ({} as Simulate);
    const server = ctx.servers.get(appid);
    if (!server) return bad(`No server configuration for ${appid}: save one first.`);
    if (!openid) return bad('Give the fan’s openid.');
    fansOf(appid).add(openid);
    const answer = await postCallback(server, callbackXml(appid, openid, action, String(Date.now())));
    if (opensWindow(action)) ctx.interactions.set(`${appid}:${openid}`, Date.now());
    if (action.kind === 'follow' || action.kind === 'unfollow')
      setFollowing(ctx, appid, openid, action.kind === 'follow');
    return answer;
  });

  app.post<{ Body: FormSubmit }>('/_sandbox/forms/simulate', async (request) => {
    const { url, secret, contact, fields = {} } = request.body ?? ({} as FormSubmit);
    if (!url || !secret) return bad('Give the form’s address and its secret.');
    const submissionId = `sandbox-${Date.now().toString(36)}`;
    return postFormSubmission(url, secret, { submissionId, contact, fields });
  });

  app.get('/', async (_request, reply) => reply.type('text/html').send(platformPage()));
}
