import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addMember,
  deleteWorkspace,
  insertWorkspace,
  listAllWorkspaces,
  liveRunCount,
  memberOf,
  mergeWorkspaceSettings,
  transferOwnership,
  userByEmail,
  workspaceById,
} from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { governanceRoutes as contract } from '../contracts/index';
import { invite } from '../services/invitations.service';
import { loadPolicies } from '../services/approvals.service';
import { serve } from './contract-route';

/** A slug from a name: lower-case words joined by dashes, with a random tail so two "Acme"s never clash. */
const slugOf = (name: string): string =>
  `${
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'workspace'
  }-${randomBytes(3).toString('hex')}`;

/**
 * Workspaces: the instance administrator creates them with their first owner; owners transfer and delete
 * theirs; policies.
 */
export const workspaceRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  serve(app, contract.allWorkspaces, { permission: 'instance', tag: 'instance' }, async () => ({
    items: (await listAllWorkspaces(db)).map((w) => ({ ...w, createdAt: w.createdAt.toISOString() })),
  }));

  serve(app, contract.createWorkspace, { permission: 'instance', tag: 'instance' }, async (request, reply) => {
    const caller = requireCaller(request);
    const { name, ownerEmail } = request.body;
    const ws = await insertWorkspace(db, { name, slug: slugOf(name) });
    const user = await userByEmail(db, { email: ownerEmail });
    let sent = { emailed: false, link: null as string | null };
    if (user)
      await addMember(db, { workspaceId: ws.id, userId: user.id, email: user.email, name: user.name, role: 'owner' });
    else
      sent = await invite(deps, request, {
        workspaceId: ws.id,
        workspaceName: ws.name,
        email: ownerEmail,
        role: 'owner',
        invitedBy: null,
        inviter: caller.name,
      }).catch(async (error: unknown) => {
        await deleteWorkspace(db, { id: ws.id });
        throw error;
      });
    request.auditNote = { workspaceId: ws.id, resourceId: ws.id, detail: { owner: ownerEmail } };
    return reply.status(201).send({
      id: ws.id,
      name: ws.name,
      slug: ws.slug,
      owners: user ? [user.email] : [],
      members: user ? 1 : 0,
      createdAt: ws.createdAt.toISOString(),
      invited: !user,
      emailed: sent.emailed,
      link: sent.link,
    });
  });

  serve(app, contract.transfer, { permission: 'own', tag: 'workspace' }, async (request) => {
    const caller = requireCaller(request);
    const target = await memberOf(db, { workspaceId: caller.workspaceId, id: request.body.memberId });
    if (!target || !caller.memberId) throw notFound('The member');
    await transferOwnership(db, { workspaceId: caller.workspaceId, fromId: caller.memberId, toId: target.id });
    return { ownerId: target.id };
  });

  serve(app, contract.deleteWorkspace, { permission: 'own', tag: 'workspace' }, async (request, reply) => {
    const caller = requireCaller(request);
    const ws = await workspaceById(db, { id: caller.workspaceId });
    if (!ws) throw notFound('The workspace');
    if (request.body.confirmName !== ws.name)
      throw HeraldError.of('HERALD_ERR_CONFIRMATION_MISMATCH', { name: ws.name });
    const live = await liveRunCount(db, { workspaceId: ws.id });
    if (live > 0) throw HeraldError.of('HERALD_ERR_WORKSPACE_BUSY', { count: live });
    await deleteWorkspace(db, { id: ws.id });
    // Its audit trail goes with it: the process log keeps the deletion.
    request.auditNote = { skip: true };
    request.log.warn({ workspaceId: ws.id, name: ws.name, by: caller.name, ip: request.ip }, 'workspace deleted');
    return reply.status(204).send(null);
  });

  serve(app, contract.policies, { permission: 'read', tag: 'workspace' }, async (request) =>
    loadPolicies(db, requireCaller(request).workspaceId),
  );

  serve(app, contract.savePolicies, { permission: 'manage', tag: 'workspace' }, async (request) => {
    const caller = requireCaller(request);
    await mergeWorkspaceSettings(db, { id: caller.workspaceId, values: request.body });
    return loadPolicies(db, caller.workspaceId);
  });
};
