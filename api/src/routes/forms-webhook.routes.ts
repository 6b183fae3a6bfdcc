import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workspaceById } from '@herald/db';
import type { AppDeps } from '../deps';
import { notFound } from '../errors/herald-error';
import { ingestEvents } from '../services/ingest.service';
import { acceptRawJson, parseSigned, signedRoute, verifySigned } from './signed-webhook';

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
  acceptRawJson(app, 256 * 1024);
  app.post(
    '/webhooks/forms/:workspaceId/:formId',
    signedRoute(z.object({ workspaceId: z.uuid(), formId: z.string().min(1).max(100) }), {
      202: z.object({ accepted: z.number(), duplicates: z.number() }),
    }),
    async (request, reply) => {
      const ws = await workspaceById(deps.db, { id: request.params.workspaceId });
      const secret = (ws?.settings as { formsSecret?: string } | undefined)?.formsSecret;
      if (!ws || !secret) throw notFound('A workspace that accepts forms at this address');
      const { headers } = request;
      verifySigned({
        secret,
        headers,
        raw: request.body.raw,
        what: 'form',
        secretName: 'the forms secret of the workspace',
      });
      const s = parseSigned(submission, request.body.json, 'The submission');
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
