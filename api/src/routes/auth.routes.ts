import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  deleteSession,
  hashToken,
  memberOf,
  membershipsOf,
  setMemberLocale,
  userByEmail,
  verifyPassword,
  workspaceById,
  type MemberRole,
} from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { requireCaller, sessionCookie } from '../plugins/auth.plugin';
import { authRoutes as contract, governanceRoutes } from '../contracts/index';
import { openSession, type SecureCookies } from '../services/sessions.service';
import { serve } from './contract-route';

/** Compared against when the email is unknown, so a wrong email takes as long as a wrong password. */
const decoyHash = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Sign-in (one email and password for every workspace a person belongs to), sign-out, who am I, and switching
 * workspace.
 */
export const authRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; secureCookies?: SecureCookies }> = async (
  app,
  { deps, secureCookies = 'auto' },
) => {
  const { db } = deps;
  /** Opens a session as the person's member in one of their workspaces; returns the caller it stands for. */
  const signIn = (
    request: FastifyRequest,
    reply: FastifyReply,
    membership: { memberId: string; workspaceId: string; role: MemberRole },
    person: { userId: string; name: string; instanceAdmin: boolean },
  ) =>
    openSession(db, request, reply, secureCookies, {
      id: membership.memberId,
      workspaceId: membership.workspaceId,
      role: membership.role,
      userId: person.userId,
      name: person.name,
      instanceAdmin: person.instanceAdmin,
    });

  serve(app, contract.login, { permission: 'public', tag: 'auth', audit: true }, async (request, reply) => {
    const user = await userByEmail(db, { email: request.body.email });
    const ok = await verifyPassword(request.body.password, user?.passwordHash ?? decoyHash);
    if (!user || !ok) throw HeraldError.of('HERALD_ERR_BAD_CREDENTIALS', {});
    const [first] = await membershipsOf(db, { userId: user.id });
    if (!first) throw HeraldError.of('HERALD_ERR_NO_WORKSPACE', {});
    request.auditNote = {
      actor: await signIn(request, reply, first, { ...user, userId: user.id }),
    };
    const locale = (await memberOf(db, { workspaceId: first.workspaceId, id: first.memberId }))?.locale ?? null;
    return {
      workspaceId: first.workspaceId,
      workspaceName: first.workspaceName,
      member: { id: first.memberId, name: user.name, email: user.email, locale },
      role: first.role,
      instanceAdmin: user.instanceAdmin,
    };
  });

  app.post(
    contract.logout.path,
    {
      config: { permission: 'public', audit: true },
      schema: { tags: ['auth'], response: { 204: contract.logout.response } },
    },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await deleteSession(db, { tokenHash: hashToken(token) });
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  /** Who is calling, with the member's profile (and chosen language) when a member signed in. */
  const whoIs = async (caller: ReturnType<typeof requireCaller>) => {
    const ws = await workspaceById(db, { id: caller.workspaceId });
    const member = caller.memberId
      ? await memberOf(db, { workspaceId: caller.workspaceId, id: caller.memberId })
      : null;
    return {
      workspaceId: caller.workspaceId,
      workspaceName: ws!.name,
      member: member ? { id: member.id, name: member.name, email: member.email, locale: member.locale } : null,
      role: caller.role,
      instanceAdmin: caller.instanceAdmin,
    };
  };

  serve(app, contract.me, { permission: 'signed-in', tag: 'auth' }, async (request) => whoIs(requireCaller(request)));

  serve(app, contract.updateMe, { permission: 'signed-in', tag: 'auth' }, async (request) => {
    const caller = requireCaller(request);
    if (!caller.memberId)
      throw HeraldError.of('HERALD_ERR_BAD_REQUEST', { problem: 'only a signed-in member has a language' });
    await setMemberLocale(db, { memberId: caller.memberId, locale: request.body.locale });
    return whoIs(caller);
  });

  const mine = governanceRoutes.myWorkspaces;
  serve(app, mine, { permission: 'signed-in', tag: 'auth' }, async (request) => {
    const caller = requireCaller(request);
    if (!caller.userId) {
      const ws = await workspaceById(db, { id: caller.workspaceId });
      return { items: [{ id: caller.workspaceId, name: ws!.name, role: caller.role }] };
    }
    const memberships = await membershipsOf(db, { userId: caller.userId });
    return { items: memberships.map((m) => ({ id: m.workspaceId, name: m.workspaceName, role: m.role })) };
  });

  const change = governanceRoutes.switchWorkspace;
  serve(app, change, { permission: 'signed-in', tag: 'auth' }, async (request, reply) => {
    const caller = requireCaller(request);
    if (!caller.userId) throw notFound('The workspace');
    const target = (await membershipsOf(db, { userId: caller.userId })).find(
      (m) => m.workspaceId === request.body.workspaceId,
    );
    if (!target) throw notFound('The workspace');
    const token = request.cookies[sessionCookie];
    if (token) await deleteSession(db, { tokenHash: hashToken(token) });
    request.auditNote = {
      actor: await signIn(request, reply, target, { ...caller, userId: caller.userId }),
      detail: { from: caller.workspaceId },
    };
    return { workspaceId: target.workspaceId, workspaceName: target.workspaceName };
  });
};
