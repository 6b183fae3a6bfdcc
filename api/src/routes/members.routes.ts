import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  listMembers,
  memberOf,
  openInvitations,
  removeMember,
  revokeInvitation,
  setMemberRole,
  userByEmail,
  memberOfUser,
  workspaceById,
  type InvitationRow,
  type MemberRole,
  type MemberRow,
} from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { requireCaller, type Caller } from '../plugins/auth.plugin';
import { roleAtLeast, teamRoutes as contract, type InvitationItem, type MemberItem } from '../contracts/index';
import { acceptInvitation, invite, openInvitation } from '../services/invitations.service';
import { openSession, type SecureCookies } from '../services/sessions.service';
import { serve } from './contract-route';

/** 403 unless the caller's role is at least `role` (nobody gives, takes or touches a role above their own). */
function checkRank(caller: Caller, role: MemberRole): void {
  if (!roleAtLeast(caller.role, role)) throw HeraldError.of('HERALD_ERR_ROLE_TOO_HIGH', { role, own: caller.role });
}

const toMember = (m: MemberRow, caller: Caller): MemberItem => ({
  id: m.id,
  name: m.name,
  email: m.email,
  role: m.role,
  you: m.id === caller.memberId,
  joinedAt: m.createdAt.toISOString(),
});

const toInvitation = (i: InvitationRow & { invitedByName?: string | null }): InvitationItem => ({
  id: i.id,
  email: i.email,
  role: i.role,
  invitedBy: i.invitedByName ?? null,
  expiresAt: i.expiresAt.toISOString(),
  createdAt: i.createdAt.toISOString(),
});

/**
 * /api/members and /api/invitations: who is in the workspace with which role, invitations by email, and
 * accepting them.
 */
export const memberRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; secureCookies?: SecureCookies }> = async (
  app,
  { deps, secureCookies = 'auto' },
) => {
  const { db } = deps;
  const now = () => deps.now?.() ?? new Date();

  serve(app, contract.members, { permission: 'read', tag: 'members' }, async (request) => {
    const caller = requireCaller(request);
    return { items: (await listMembers(db, { workspaceId: caller.workspaceId })).map((m) => toMember(m, caller)) };
  });

  serve(app, contract.setRole, { permission: 'manage', tag: 'members' }, async (request) => {
    const caller = requireCaller(request);
    const target = await memberOf(db, { workspaceId: caller.workspaceId, id: request.params.id });
    if (!target) throw notFound('The member');
    checkRank(caller, target.role);
    checkRank(caller, request.body.role);
    const row = await setMemberRole(db, { workspaceId: caller.workspaceId, id: target.id, role: request.body.role });
    if (row === 'last_owner') throw HeraldError.of('HERALD_ERR_LAST_OWNER', {});
    if (!row) throw notFound('The member');
    return toMember(row, caller);
  });

  serve(app, contract.removeMember, { permission: 'manage', tag: 'members' }, async (request, reply) => {
    const caller = requireCaller(request);
    const target = await memberOf(db, { workspaceId: caller.workspaceId, id: request.params.id });
    if (!target) throw notFound('The member');
    checkRank(caller, target.role);
    const removed = await removeMember(db, { workspaceId: caller.workspaceId, id: target.id });
    if (removed === 'last_owner') throw HeraldError.of('HERALD_ERR_LAST_OWNER', {});
    if (!removed) throw notFound('The member');
    return reply.status(204).send(null);
  });

  serve(app, contract.invitations, { permission: 'manage', tag: 'members' }, async (request) => {
    const caller = requireCaller(request);
    return { items: (await openInvitations(db, { workspaceId: caller.workspaceId, now: now() })).map(toInvitation) };
  });

  serve(app, contract.invite, { permission: 'manage', tag: 'members' }, async (request, reply) => {
    const caller = requireCaller(request);
    checkRank(caller, request.body.role);
    const user = await userByEmail(db, { email: request.body.email });
    if (user && (await memberOfUser(db, { workspaceId: caller.workspaceId, userId: user.id })))
      throw HeraldError.of('HERALD_ERR_ALREADY_MEMBER', { email: request.body.email });
    const ws = await workspaceById(db, { id: caller.workspaceId });
    const sent = await invite(deps, request, {
      workspaceId: caller.workspaceId,
      workspaceName: ws!.name,
      email: request.body.email,
      role: request.body.role,
      invitedBy: caller.memberId,
      inviter: caller.name,
    });
    return reply.status(201).send({
      ...toInvitation({ ...sent.invitation, invitedByName: caller.memberId ? caller.name : null }),
      emailed: sent.emailed,
      link: sent.link,
    });
  });

  serve(app, contract.withdrawInvitation, { permission: 'manage', tag: 'members' }, async (request, reply) => {
    const caller = requireCaller(request);
    const done = await revokeInvitation(db, { workspaceId: caller.workspaceId, id: request.params.id, now: now() });
    if (!done) throw notFound('The invitation');
    return reply.status(204).send(null);
  });

  serve(
    app,
    contract.previewInvitation,
    { permission: 'public', tag: 'members', errorAnswers: [410] },
    async (request) => {
      const invitation = await openInvitation(db, request.body.token, now());
      return {
        workspaceName: invitation.workspaceName,
        email: invitation.email,
        role: invitation.role,
        existingUser: (await userByEmail(db, { email: invitation.email })) !== undefined,
      };
    },
  );

  serve(
    app,
    contract.acceptInvitation,
    { permission: 'public', tag: 'members', audit: true, errorAnswers: [410] },
    async (request, reply) => {
      const { member, instanceAdmin, workspaceName } = await acceptInvitation(deps, request.body);
      const actor = await openSession(db, request, reply, secureCookies, { ...member, instanceAdmin });
      request.auditNote = { actor, resourceId: member.id, detail: { role: member.role } };
      return { workspaceId: member.workspaceId, workspaceName };
    },
  );
};
