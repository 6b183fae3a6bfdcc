import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomBytes } from 'node:crypto';
import { insertTag, listTags, mergeWorkspaceSettings, workspaceProgress, workspaceSettingsOf } from '@herald/db';
import { workspaceSettingsSchema } from '@herald/engine';
import type { AppDeps } from '../deps';
import { directoryRoutes as contract, workspaceRoutes } from '../contracts/index';
import { conflictOn } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { serve } from './contract-route';

const toSettings = (raw: unknown) => {
  const stored = (raw ?? {}) as { updatedBy?: string | null; updatedAt?: string | null };
  const parsed = workspaceSettingsSchema.safeParse(raw ?? {});
  return {
    frequencyCap: parsed.success ? parsed.data.frequencyCap : null,
    quietHours: parsed.success ? parsed.data.quietHours : null,
    timezone: parsed.success ? parsed.data.timezone : null,
    updatedBy: stored.updatedBy ?? null,
    updatedAt: stored.updatedAt ?? null,
  };
};

/** /api/tags, /api/workspace/settings and /api/workspace/getting-started. */
export const directoryRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  serve(app, contract.tags, { permission: 'read', tag: 'contacts' }, async (request) => ({
    items: await listTags(db, { workspaceId: requireCaller(request).workspaceId }),
  }));
  serve(app, contract.createTag, { permission: 'write', tag: 'contacts' }, async (request, reply) => {
    const { name } = request.body;
    const tag = await insertTag(db, { workspaceId: requireCaller(request).workspaceId, name }).catch(
      conflictOn(`A tag named "${name}"`),
    );
    return reply.status(201).send(tag);
  });

  // Workspace-wide settings the marketer sets (frequency cap, quiet hours). Every change records who made it.
  const settings = workspaceRoutes.settings;
  serve(app, settings, { permission: 'read', tag: 'workspace' }, async (request) => {
    return toSettings(await workspaceSettingsOf(db, { id: requireCaller(request).workspaceId }));
  });
  const save = workspaceRoutes.saveSettings;
  serve(app, save, { permission: 'manage', tag: 'workspace' }, async (request) => {
    const caller = requireCaller(request);
    // Only the settings named in the body change.
    const values = { ...request.body, updatedBy: caller.memberId, updatedAt: new Date().toISOString() };
    await mergeWorkspaceSettings(db, { id: caller.workspaceId, values });
    return toSettings(await workspaceSettingsOf(db, { id: caller.workspaceId }));
  });

  const rotate = workspaceRoutes.rotateFormsSecret;
  serve(app, rotate, { permission: 'manage', tag: 'workspace' }, async (request) => {
    const caller = requireCaller(request);
    const secret = randomBytes(24).toString('base64url');
    await mergeWorkspaceSettings(db, { id: caller.workspaceId, values: { formsSecret: secret } });
    return { secret, path: `/webhooks/forms/${caller.workspaceId}/` };
  });

  const started = workspaceRoutes.gettingStarted;
  serve(app, started, { permission: 'read', tag: 'workspace' }, async (request) => ({
    ...(await workspaceProgress(db, requireCaller(request).workspaceId)),
    sandboxUrl: deps.sandboxUrl ?? null,
  }));
};
