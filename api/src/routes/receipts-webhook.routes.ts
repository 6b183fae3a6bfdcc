import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { applyReceipts, channelAccountById, decryptSecret, safeEqual } from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { zodProblem } from '../errors/zod-problem';

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
      done(HeraldError.of('HERALD_ERR_MALFORMED_BODY', { problem: 'it is not valid JSON' }), undefined);
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
      const account = await channelAccountById(deps.db, { id: request.params.accountId });
      if (!account) throw notFound('The channel account');
      const secret = (
        JSON.parse(decryptSecret(account.credentialsEncrypted, deps.secretKey)) as { receiptsSecret?: string }
      ).receiptsSecret;
      const timestamp = request.headers['x-herald-timestamp'];
      if (
        !secret ||
        !safeEqual(receiptSignature(secret, timestamp, request.body.raw), request.headers['x-herald-signature'])
      )
        throw HeraldError.of('HERALD_ERR_BAD_SIGNATURE', { what: 'receipt', secret: "this account's receipts secret" });
      if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300)
        throw HeraldError.of('HERALD_ERR_REPLAY', { what: 'receipt' });
      const parsed = body.safeParse(request.body.json);
      if (!parsed.success)
        throw HeraldError.of('HERALD_ERR_VALIDATION', { what: 'The receipts', problem: zodProblem(parsed.error) });
      const applied = await applyReceipts(deps.db, {
        workspaceId: account.workspaceId,
        channelAccountId: account.id,
        receipts: parsed.data.receipts,
      });
      return { applied, unknown: parsed.data.receipts.length - applied };
    },
  );
};
