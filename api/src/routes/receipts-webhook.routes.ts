import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eq, sql, channelAccounts, decryptSecret, rowsOf, rowsOfMessages, safeEqual } from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError } from '../errors/herald-error';

const receipt = z.object({
  providerMessageId: z.string().min(1).max(200),
  recipient: z.string().min(1).max(200),
  type: z.enum(['delivered', 'read', 'replied']),
  at: z.iso.datetime({ offset: true }),
});
const body = z.object({ receipts: z.array(receipt).min(1).max(1000) });

/** The signature providers (and the sandbox) put on receipts: HMAC-SHA256 of `${timestamp}.${body}`. */
export function receiptSignature(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

/**
 * /webhooks/receipts/:accountId — delivery, read and reply receipts. Verified by HMAC with the
 * account's `receiptsSecret` within a 5-minute window; a receipt only moves a delivery forward
 * (sent → delivered → read → replied), so repeats and reordering change nothing.
 */
export const receiptsWebhookRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, raw, done) => {
    try {
      done(null, { raw, json: JSON.parse(raw as string) as unknown });
    } catch {
      done(new HeraldError('HERALD_ERR_MALFORMED_BODY', 400, 'The request body is not valid JSON.'), undefined);
    }
  });
  app.post(
    '/webhooks/receipts/:accountId',
    {
      schema: {
        tags: ['webhooks'],
        params: z.object({ accountId: z.uuid() }),
        headers: z
          .object({ 'x-herald-signature': z.string().max(200), 'x-herald-timestamp': z.string().regex(/^\d{1,12}$/) })
          .passthrough(),
        body: z.object({ raw: z.string(), json: z.unknown() }),
        response: { 200: z.object({ applied: z.number(), unknown: z.number() }) },
      },
    },
    async (request) => {
      const [account] = await deps.db
        .select()
        .from(channelAccounts)
        .where(eq(channelAccounts.id, request.params.accountId));
      if (!account) throw new HeraldError('HERALD_ERR_NOT_FOUND', 404, 'No channel account with that id.');
      const secret = (
        JSON.parse(decryptSecret(account.credentialsEncrypted, deps.secretKey)) as { receiptsSecret?: string }
      ).receiptsSecret;
      const timestamp = request.headers['x-herald-timestamp'];
      if (
        !secret ||
        !safeEqual(receiptSignature(secret, timestamp, request.body.raw), request.headers['x-herald-signature'])
      )
        throw new HeraldError(
          'HERALD_ERR_BAD_SIGNATURE',
          401,
          "The receipt signature does not match this account's receipts secret.",
        );
      if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300)
        throw new HeraldError('HERALD_ERR_REPLAY', 401, 'The receipt timestamp is more than 5 minutes away from now.');
      const parsed = body.safeParse(request.body.json);
      if (!parsed.success)
        throw new HeraldError(
          'HERALD_ERR_VALIDATION',
          400,
          `The receipts are not valid: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
        );
      // Each message id names rows by their own id or their batch's (`rowsOfMessages`); receipts are
      // matched to rows by (message id, recipient) here, and several receipts for one row are folded
      // in the statement (an UPDATE … FROM applies only one source row per target row).
      const rows = await rowsOfMessages(
        deps.db,
        parsed.data.receipts.map((r) => r.providerMessageId),
        sql`d.workspace_id = ${account.workspaceId}::uuid and d.channel_account_id = ${account.id}::uuid and d.status in ('sent', 'delivered', 'read', 'replied')`,
      );
      const rowOf = new Map(rows.map((r) => [`${r.messageId}\u0000${r.recipient}`, r.id]));
      const matched = parsed.data.receipts.flatMap((r) => {
        const id = rowOf.get(`${r.providerMessageId}\u0000${r.recipient}`);
        return id === undefined ? [] : [{ i: id, t: r.type, a: r.at }];
      });
      const current = sql`(case d.status when 'delivered' then 1 when 'read' then 2 when 'replied' then 3 else 0 end)`;
      const result =
        matched.length === 0
          ? []
          : await deps.db.execute(sql`
      update deliveries d set
        status = case when x.k > ${current} then (array['delivered', 'read', 'replied'])[x.k] else d.status end,
        delivered_at = coalesce(d.delivered_at, x.first_at),
        read_at = case when x.read_at is not null then coalesce(d.read_at, x.read_at) else d.read_at end,
        replied_at = case when x.replied_at is not null then coalesce(d.replied_at, x.replied_at) else d.replied_at end
      from (
        select i, max(case t when 'delivered' then 1 when 'read' then 2 else 3 end) as k, min(a::timestamptz) as first_at,
               min(a::timestamptz) filter (where t in ('read', 'replied')) as read_at, min(a::timestamptz) filter (where t = 'replied') as replied_at
        from jsonb_to_recordset(${JSON.stringify(matched)}::jsonb) as y(i bigint, t text, a text) group by i
      ) x
      where d.id = x.i and d.status in ('sent', 'delivered', 'read', 'replied')
      returning d.id`);
      const applied = rowsOf(result).length;
      return { applied, unknown: parsed.data.receipts.length - applied };
    },
  );
};
