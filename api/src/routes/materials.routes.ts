import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { templatesInUse } from '@herald/db';
import { maxTemplatesInUse } from '../services/template-limit.service';
import { listMaterials, materialOf, type MaterialRow } from '@herald/db';
import type { WechatAdapter } from '@herald/channels';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { accountRoutes, errors, idParams, materialBody, materialListQuery, uploadQuery } from '../contracts/index';
import {
  channelFailure,
  createMaterial,
  deleteMaterial,
  materialRules,
  maxMaterialBytes,
  tooLarge,
  wechatAccount,
  limitsText,
} from '../services/materials.service';
import { serve } from './contract-route';

/** multipart's own errors, as Herald's codes (its defaults would be 406 and a generic 413). */
function uploadError(error: unknown, kind: Parameters<typeof tooLarge>[0]): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(kind);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return HeraldError.of('HERALD_ERR_UNSUPPORTED_MEDIA_TYPE', {
      expected: 'upload the file as multipart/form-data (a part named "file")',
    });
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return HeraldError.of('HERALD_ERR_MATERIAL_ONE_FILE', {});
  if (typeof code === 'string' && code.startsWith('FST_'))
    return HeraldError.of('HERALD_ERR_MALFORMED_BODY', { problem: 'its multipart parts are malformed' });
  return error;
}

/** /api/materials: images, voice, video, thumbs and files, checked by content and size, reused in messages. */
export const materialRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; wechat: WechatAdapter }> = async (
  app,
  { deps, wechat },
) => {
  const { db } = deps;
  await app.register(multipart, { limits: { fileSize: maxMaterialBytes, files: 1, fields: 10, parts: 12 } });

  const toBody = (r: MaterialRow): z.infer<typeof materialBody> => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  });
  const load = async (workspaceId: string, id: string) => {
    const row = await materialOf(db, { workspaceId, id });
    if (!row) throw notFound('The material');
    return toBody(row);
  };

  app.post(
    '/api/materials',
    {
      config: { permission: 'write' },
      schema: {
        tags: ['materials'],
        consumes: ['multipart/form-data'],
        querystring: uploadQuery,
        description:
          'Upload one file as the multipart part "file". Its type is read from its bytes. Limits: ' +
          `${limitsText()}. With channelAccountId (a WeChat official account) it is also added there as a ` +
          'permanent material and its media id kept.',
        response: {
          201: materialBody,
          413: errors[400],
          415: errors[400],
          502: errors[400],
          503: errors[400],
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const { kind, channelAccountId, title, introduction } = request.query;
      // Stop reading at the kind's own limit: an oversized voice note is cut off at 2 MB, not buffered to 20.
      const file = await request
        .file({ limits: { fileSize: materialRules[kind].maxBytes, files: 1, fields: 10, parts: 12 } })
        .catch((error: unknown) => {
          throw uploadError(error, kind);
        });
      if (!file) throw HeraldError.of('HERALD_ERR_MATERIAL_MISSING', {});
      const bytes = await file.toBuffer().catch((error: unknown) => {
        throw uploadError(error, kind);
      });
      const id = await createMaterial(deps, wechat, caller.workspaceId, caller.memberId, {
        kind,
        filename: file.filename,
        bytes,
        channelAccountId,
        title,
        introduction,
      });
      return reply.status(201).send(await load(caller.workspaceId, id));
    },
  );

  app.get(
    '/api/materials',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['materials'],
        querystring: materialListQuery,
        response: { 200: z.object({ items: z.array(materialBody), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const { kind, limit, cursor } = request.query;
      const rows = await listMaterials(db, { workspaceId: caller.workspaceId, kind, cursor, limit });
      return { items: rows.map(toBody), nextCursor: rows.length === limit ? rows[rows.length - 1]!.id : null };
    },
  );

  app.get(
    '/api/materials/:id',
    {
      config: { permission: 'read' },
      schema: { tags: ['materials'], params: idParams, response: { 200: materialBody, ...errors } },
    },
    async (request) => load(requireCaller(request).workspaceId, request.params.id),
  );

  app.delete(
    '/api/materials/:id',
    {
      config: { permission: 'write' },
      schema: {
        tags: ['materials'],
        params: idParams,
        response: {
          204: z.null().describe('Deleted, here and on every WeChat account that held it.'),
          502: errors[400],
          503: errors[400],
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      await deleteMaterial(deps, wechat, caller.workspaceId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  // The template picker: an official account's message templates and their fields, read from WeChat.
  serve(app, accountRoutes.templates, { permission: 'read', tag: 'channels' }, async (request) => {
    const caller = requireCaller(request);
    const account = await wechatAccount(
      deps,
      caller.workspaceId,
      request.params.id,
      'Only WeChat official accounts have message templates.',
    );
    const items = await wechat.listTemplates(account).catch((error: unknown) => {
      throw channelFailure(error);
    });
    const inUse = new Set(await templatesInUse(db, { workspaceId: caller.workspaceId, channelAccountId: account.id }));
    return {
      items: items.map((t) => ({ ...t, inUse: inUse.has(t.templateId) })),
      inUse: inUse.size,
      limit: maxTemplatesInUse,
    };
  });
};
