import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { safeEqual, workspaceById } from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { zodProblem } from '../errors/zod-problem';
import { ingestEvents } from '../services/ingest.service';
import { receiptSignature } from './receipts-webhook.routes';

const submission = z.object({
  submissionId: z.string().min(1).max(200),
  contact: z
    .object({
      externalId: z.string().min(1).max(200).optional(),
      email: z.email().max(200).optional(),
      phone: z.string().max(50).optional(),
      name: z.string().max(200).optional(),
    })
    .refine((c) => c.externalId || c.email || c.phone, 'a submission names the contact by externalId, email or phone'),
  fields: z.record(z.string(), z.unknown()).default({}),
  submittedAt: z.iso.datetime({ offset: true }).optional(),
});

/**
 * /webhooks/forms/:workspaceId/:formId — form submissions, HMAC-signed with the workspace's forms
 * secret (`x-herald-signature` of `${timestamp}.${body}`), refused outside a 5-minute window. Each
 * becomes a `form_submit` event, idempotent on the submission id.
 */
export const formsWebhookRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_request, raw, done) => {
    try {
      done(null, { raw, json: JSON.parse(raw as string) as unknown });
    } catch {
      done(HeraldError.of('HERALD_ERR_MALFORMED_BODY', { problem: 'it is not valid JSON' }), undefined);
    }
  });
  app.post(
    '/webhooks/forms/:workspaceId/:formId',
    {
      schema: {
        tags: ['webhooks'],
        params: z.object({ workspaceId: z.uuid(), formId: z.string().min(1).max(100) }),
        headers: z
          .object({ 'x-herald-signature': z.string().max(200), 'x-herald-timestamp': z.string().regex(/^\d{1,12}$/) })
          .passthrough(),
        body: z.object({ raw: z.string(), json: z.unknown() }),
        response: { 202: z.object({ accepted: z.number(), duplicates: z.number() }) },
      },
    },
    async (request, reply) => {
      const ws = await workspaceById(deps.db, { id: request.params.workspaceId });
      const secret = (ws?.settings as { formsSecret?: string } | undefined)?.formsSecret;
      if (!ws || !secret) throw notFound('A workspace that accepts forms at this address');
      const timestamp = request.headers['x-herald-timestamp'];
      if (!safeEqual(receiptSignature(secret, timestamp, request.body.raw), request.headers['x-herald-signature']))
        throw HeraldError.of('HERALD_ERR_BAD_SIGNATURE', { what: 'form', secret: 'the forms secret of the workspace' });
      if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300)
        throw HeraldError.of('HERALD_ERR_REPLAY', { what: 'form' });
      const parsed = submission.safeParse(request.body.json);
      if (!parsed.success)
        throw HeraldError.of('HERALD_ERR_VALIDATION', { what: 'The submission', problem: zodProblem(parsed.error) });
      const s = parsed.data;
      const identity = s.contact.email
        ? { kind: 'email' as const, value: s.contact.email }
        : s.contact.phone
          ? { kind: 'phone' as const, value: s.contact.phone }
          : undefined;
      const result = await ingestEvents(
        deps.db,
        ws.id,
        `form:${request.params.formId}`,
        [
          {
            id: s.submissionId,
            type: 'form_submit',
            contact: {
              ...(s.contact.externalId ? { externalId: s.contact.externalId } : {}),
              ...(identity ? { identity } : {}),
              ...(s.contact.name ? { name: s.contact.name } : {}),
            },
            properties: { formId: request.params.formId, ...s.fields },
            ...(s.submittedAt ? { occurredAt: s.submittedAt } : {}),
          },
        ],
        new Date(),
      );
      return reply.status(202).send(result);
    },
  );
};
