import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  apiKeyOf,
  generateApiKey,
  insertApiKey,
  listApiKeys,
  renameApiKey,
  revokeApiKey,
  type ApiKeyRecord,
} from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { roleAtLeast, teamRoutes as contract, type ApiKeyItem } from '../contracts/index';
import { serve } from './contract-route';

const toItem = (k: ApiKeyRecord): ApiKeyItem => ({
  id: k.id,
  name: k.name,
  preview: `hk_${k.prefix}_…`,
  role: k.role,
  expiresAt: k.expiresAt?.toISOString() ?? null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
  createdBy: k.createdByName,
  createdAt: k.createdAt.toISOString(),
});

/**
 * /api/api-keys: a workspace's keys — created with a role and an optional expiry (the secret shown once),
 * renamed, revoked.
 */
export const apiKeyRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const now = () => deps.now?.() ?? new Date();
  const load = async (workspaceId: string, id: string) => {
    const key = await apiKeyOf(db, { workspaceId, id });
    if (!key) throw notFound('The API key');
    return key;
  };

  serve(app, contract.apiKeys, { permission: 'manage', tag: 'api-keys' }, async (request) => ({
    items: (await listApiKeys(db, { workspaceId: requireCaller(request).workspaceId })).map(toItem),
  }));

  serve(app, contract.createKey, { permission: 'manage', tag: 'api-keys' }, async (request, reply) => {
    const caller = requireCaller(request);
    const { name, role, expiresAt } = request.body;
    if (!roleAtLeast(caller.role, role)) throw HeraldError.of('HERALD_ERR_ROLE_TOO_HIGH', { role, own: caller.role });
    const expiry = expiresAt ? new Date(expiresAt) : null;
    if (expiry && expiry.getTime() <= now().getTime())
      throw HeraldError.of('HERALD_ERR_VALIDATION', { what: 'The expiry', problem: 'it is in the past' });
    const key = generateApiKey();
    const id = await insertApiKey(db, {
      workspaceId: caller.workspaceId,
      name,
      role,
      prefix: key.prefix,
      keyHash: key.hash,
      expiresAt: expiry,
      createdBy: caller.memberId,
    });
    return reply.status(201).send({ ...toItem(await load(caller.workspaceId, id)), secret: key.key });
  });

  serve(app, contract.renameKey, { permission: 'manage', tag: 'api-keys' }, async (request) => {
    const caller = requireCaller(request);
    await load(caller.workspaceId, request.params.id);
    await renameApiKey(db, { workspaceId: caller.workspaceId, id: request.params.id, name: request.body.name });
    return toItem(await load(caller.workspaceId, request.params.id));
  });

  serve(app, contract.revokeKey, { permission: 'manage', tag: 'api-keys' }, async (request) => {
    const caller = requireCaller(request);
    await load(caller.workspaceId, request.params.id);
    await revokeApiKey(db, { workspaceId: caller.workspaceId, id: request.params.id, now: now() });
    app.apiKeyCache.clear();
    return toItem(await load(caller.workspaceId, request.params.id));
  });
};
