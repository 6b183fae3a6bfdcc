import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomBytes } from 'node:crypto';
import { asc, eq, sql, tags, workspaces, workspaceProgress } from '@herald/db';
import { workspaceSettingsSchema } from '@herald/engine';
import type { AppDeps } from '../deps';
import { directoryRoutes as contract, workspaceRoutes } from '../contracts/index';
import { conflictOn } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { contractRoute } from './contract-route';

const toSettings = (raw: unknown) => {
  const stored = (raw ?? {}) as { updatedBy?: string | null; updatedAt?: string | null };
  const parsed = workspaceSettingsSchema.safeParse(raw ?? {});
  return {
    frequencyCap: parsed.success ? parsed.data.frequencyCap : null,
    quietHours: parsed.success ? parsed.data.quietHours : null,
    updatedBy: stored.updatedBy ?? null,
    updatedAt: stored.updatedAt ?? null,
  };
};

/** /api/tags, /api/workspace/settings and /api/workspace/getting-started. */
export const directoryRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    contract.tags.path,
    contractRoute(contract.tags, { permission: 'read', tag: 'contacts' }),
    async (request) => {
      const caller = requireCaller(request);
      return {
        items: await db
          .select({ id: tags.id, name: tags.name })
          .from(tags)
          .where(eq(tags.workspaceId, caller.workspaceId))
          .orderBy(asc(tags.name)),
      };
    },
  );
  app.post(
    contract.createTag.path,
    contractRoute(contract.createTag, { permission: 'write', tag: 'contacts' }),
    async (request, reply) => {
      const caller = requireCaller(request);
      const [row] = await db
        .insert(tags)
        .values({ workspaceId: caller.workspaceId, name: request.body.name })
        .returning()
        .catch(conflictOn(`A tag named "${request.body.name}"`));
      return reply.status(201).send({ id: row!.id, name: row!.name });
    },
  );

  // Workspace-wide settings the marketer sets (frequency cap, quiet hours). Every change records who made it.
  const settings = workspaceRoutes.settings;
  app.get(settings.path, contractRoute(settings, { permission: 'read', tag: 'workspace' }), async (request) => {
    const caller = requireCaller(request);
    const [row] = await db
      .select({ settings: workspaces.settings })
      .from(workspaces)
      .where(eq(workspaces.id, caller.workspaceId));
    return toSettings(row?.settings);
  });
  const save = workspaceRoutes.saveSettings;
  app.put(save.path, contractRoute(save, { permission: 'manage', tag: 'workspace' }), async (request) => {
    const caller = requireCaller(request);
    const [row] = await db
      .select({ settings: workspaces.settings })
      .from(workspaces)
      .where(eq(workspaces.id, caller.workspaceId));
    // Only the settings named in the body change.
    const next = {
      ...(row?.settings ?? {}),
      ...request.body,
      updatedBy: caller.memberId,
      updatedAt: new Date().toISOString(),
    };
    await db
      .update(workspaces)
      .set({ settings: next, updatedAt: new Date() })
      .where(eq(workspaces.id, caller.workspaceId));
    return toSettings(next);
  });

  const rotate = workspaceRoutes.rotateFormsSecret;
  app.post(
    rotate.path,
    contractRoute(rotate, {
      permission: 'manage',
      tag: 'workspace',
      description:
        'Makes a new secret for the forms webhook (HMAC of each submission); the previous one stops working. The ' +
        'secret is shown only in this answer.',
    }),
    async (request) => {
      const caller = requireCaller(request);
      const secret = randomBytes(24).toString('base64url');
      await db
        .update(workspaces)
        .set({
          settings: sql`${workspaces.settings} || ${JSON.stringify({ formsSecret: secret })}::jsonb`,
          updatedAt: new Date(),
        })
        .where(eq(workspaces.id, caller.workspaceId));
      return { secret, path: `/webhooks/forms/${caller.workspaceId}/` };
    },
  );

  const started = workspaceRoutes.gettingStarted;
  app.get(
    started.path,
    contractRoute(started, {
      permission: 'read',
      tag: 'workspace',
      description: 'What the getting-started checklist ticks off, and the embedded channel sandbox when there is one.',
    }),
    async (request) => ({
      ...(await workspaceProgress(db, requireCaller(request).workspaceId)),
      sandboxUrl: deps.sandboxUrl ?? null,
    }),
  );
};
