import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { applyMassResult, applyTemplateResult, safeEqual, type HeraldDb } from '@herald/db';
import type { AppDeps } from '../deps';
import { callbackAccount } from './signed-webhook';
import { HeraldError, notFound } from '../errors/herald-error';
import { zodProblem } from '../errors/zod-problem';
import { ingestEvents, type EventInput } from '../services/ingest.service';
import { parseWechatXml } from './wechat-xml';

const signatureQuery = z.object({
  signature: z.string().max(100),
  timestamp: z.string().max(20),
  nonce: z.string().max(100),
  echostr: z.string().max(200).optional(),
});
// The fields Herald reads, each a plain string (nested elements or a malformed time are refused).
const text = z.string().max(2048);
const callbackFields = z
  .object({
    FromUserName: z.string().min(1).max(200),
    MsgType: z.string().min(1).max(50),
    CreateTime: z
      .string()
      .regex(/^\d{1,12}$/, 'must be seconds since the epoch')
      .optional(),
    Event: z.string().max(64).optional(),
    EventKey: text.optional(),
    Content: text.optional(),
    MsgId: z.string().max(200).optional(),
    MsgID: z.string().max(200).optional(),
  })
  .passthrough();

/** The fields of a template or mass-send job result (TEMPLATESENDJOBFINISH, MASSSENDJOBFINISH). */
const jobResult = z.object({
  MsgID: z.string().min(1).max(200),
  Status: z.string().max(200),
  TotalCount: z.string().max(20).optional(),
  FilterCount: z.string().max(20).optional(),
  SentCount: z.string().max(20).optional(),
  ErrorCount: z.string().max(20).optional(),
});
type JobResult = z.infer<typeof jobResult>;

/**
 * A job result moves the deliveries it is about, only forward from `sent`: a template message to
 * one fan is delivered ("success") or failed ("failed:user block", "failed: system failed", with
 * the run's and node's counters moved from sent to failed); a mass send that reached every fan
 * ("send success", no errors) marks all its rows delivered. A partial mass result names no fans,
 * so its rows stay `sent`; its counts are kept on the event. Either, when it comes before Herald
 * recorded the message's id, is kept for the settlement that records it (job-results.ts).
 */
async function applyJobResult(
  db: HeraldDb,
  account: { id: string; workspaceId: string },
  kind: 'template' | 'mass',
  openid: string,
  job: JobResult,
  at: Date,
): Promise<void> {
  const scope = { workspaceId: account.workspaceId, channelAccountId: account.id };
  const common = { msgid: job.MsgID, openid, status: job.Status, at: at.toISOString() };
  if (kind === 'template') await applyTemplateResult(db, { ...scope, result: common });
  else await applyMassResult(db, { ...scope, result: { ...common, errorCount: Number(job.ErrorCount ?? 0) } });
}

/** WeChat's callback signature: sha1 of the sorted token, timestamp and nonce. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

/**
 * What WeChat's event names become in Herald (which of them open the customer-service window is
 * the engine's rule, interaction-window.ts): a link menu item (VIEW) is `menu_view`, the scan-push
 * menu items keep their names, a paid order of the account's store (`merchant_order`) or a
 * payment through its pay cell (`user_pay_from_pay_cell`) is a `payment`.
 */
const eventTypes: Record<string, string> = {
  subscribe: 'follow',
  unsubscribe: 'unfollow',
  SCAN: 'scan',
  CLICK: 'click',
  VIEW: 'menu_view',
  scancode_push: 'scancode_push',
  scancode_waitmsg: 'scancode_waitmsg',
  merchant_order: 'payment',
  user_pay_from_pay_cell: 'payment',
  TEMPLATESENDJOBFINISH: 'template_result',
  MASSSENDJOBFINISH: 'mass_result',
};

/**
 * /webhooks/wechat/:accountId — the official account callback: the GET echo handshake, then XML
 * events verified by signature, each ingested as an event that refreshes the fan's interaction time.
 */

export const wechatWebhookRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.addContentTypeParser(
    ['text/xml', 'application/xml'],
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, body),
  );

  const verify = async (accountId: string, q: z.infer<typeof signatureQuery>) => {
    const found = await callbackAccount(deps, accountId);
    const account = found?.account;
    if (!account || (account.kind !== 'wechat_service' && account.kind !== 'wechat_subscription'))
      throw notFound('The WeChat official account');
    const token = found.credentials.callbackToken;
    if (!token || !safeEqual(wechatSignature(token, q.timestamp, q.nonce), q.signature))
      throw HeraldError.of('HERALD_ERR_BAD_SIGNATURE', { what: 'WeChat', secret: "this account's callback token" });
    if (Math.abs(Date.now() / 1000 - Number(q.timestamp)) > 300)
      throw HeraldError.of('HERALD_ERR_REPLAY', { what: 'callback' });
    return account;
  };

  app.get(
    '/webhooks/wechat/:accountId',
    {
      config: { permission: 'public' },
      schema: { tags: ['webhooks'], params: z.object({ accountId: z.uuid() }), querystring: signatureQuery },
    },
    async (request, reply) => {
      await verify(request.params.accountId, request.query);
      return reply.type('text/plain').send(request.query.echostr ?? '');
    },
  );

  app.post(
    '/webhooks/wechat/:accountId',
    {
      config: { permission: 'public' },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['webhooks'],
        params: z.object({ accountId: z.uuid() }),
        querystring: signatureQuery,
        body: z.string().max(64 * 1024),
      },
    },
    async (request, reply) => {
      const account = await verify(request.params.accountId, request.query);
      // WeChat never sends a DTD; refusing one outright keeps entity tricks (XML bombs, XXE) out.
      if (/<!DOCTYPE|<!ENTITY/i.test(request.body))
        throw HeraldError.of('HERALD_ERR_MALFORMED_BODY', {
          problem: 'XML with a DOCTYPE or entities is not accepted',
        });
      let parsed: unknown;
      try {
        parsed = parseWechatXml(request.body);
      } catch {
        throw HeraldError.of('HERALD_ERR_MALFORMED_BODY', { problem: 'it is not valid XML' });
      }
      const fields = callbackFields.safeParse(parsed);
      if (!fields.success)
        throw HeraldError.of('HERALD_ERR_MALFORMED_BODY', {
          problem: `it is not a WeChat callback (${zodProblem(fields.error, 'xml')})`,
        });
      const xml = fields.data;
      const openid = xml.FromUserName;
      const type =
        xml.MsgType === 'event'
          ? Object.hasOwn(eventTypes, xml.Event ?? '')
            ? eventTypes[xml.Event!]!
            : `wechat_${String(xml.Event).toLowerCase()}`
          : 'message';
      const event: EventInput = {
        id: xml.MsgId ?? xml.MsgID ?? `${openid}:${xml.CreateTime}:${xml.Event ?? xml.MsgType}`,
        type,
        contact: { identity: { kind: 'wechat_openid', value: openid, channelAccountId: account.id } },
        properties: {
          channelAccountId: account.id,
          ...(xml.EventKey ? { eventKey: xml.EventKey } : {}),
          ...(xml.Content ? { text: xml.Content } : {}),
        },
        occurredAt: new Date(Number(xml.CreateTime ?? Date.now() / 1000) * 1000).toISOString(),
      };
      const job =
        xml.Event === 'TEMPLATESENDJOBFINISH' || xml.Event === 'MASSSENDJOBFINISH'
          ? jobResult.safeParse(parsed)
          : undefined;
      if (job?.success) event.properties = { ...event.properties, ...job.data };
      await ingestEvents(deps.db, account.workspaceId, `wechat:${account.id}`, [event], new Date());
      if (job?.success)
        await applyJobResult(
          deps.db,
          account,
          xml.Event === 'TEMPLATESENDJOBFINISH' ? 'template' : 'mass',
          openid,
          job.data,
          new Date(event.occurredAt!),
        );
      return reply.type('text/plain').send('success');
    },
  );
};
