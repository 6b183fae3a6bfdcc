import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, eq, members, sessions, workspaces, hashToken, verifyPassword } from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError } from '../errors/herald-error';
import { requireCaller, sessionCookie } from '../plugins/auth.plugin';
import { authRoutes as contract, errors } from '../contracts/index';

const sessionDays = 14;

/**
 * Members sign in with email and password; the session token lives in an httpOnly, SameSite=Lax
 * cookie that is `Secure` whenever the request came over HTTPS (`secureCookies: 'auto'`, which
 * honours X-Forwarded-Proto when the app trusts its proxy) or always (`true`, a public https URL).
 */
export const authRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; secureCookies?: boolean | 'auto' }> = async (
  app,
  { deps, secureCookies = 'auto' },
) => {
  const { db } = deps;
  app.post(
    contract.login.path,
    { schema: { tags: ['auth'], body: contract.login.body, response: { 200: contract.login.response, ...errors } } },
    async (request, reply) => {
      const candidates = await db
        .select()
        .from(members)
        .where(and(eq(members.email, request.body.email), eq(members.disabled, false)));
      let member: (typeof candidates)[number] | undefined;
      for (const c of candidates)
        if (await verifyPassword(request.body.password, c.passwordHash)) {
          member = c;
          break;
        }
      if (!member) throw HeraldError.of('HERALD_ERR_BAD_CREDENTIALS', {});
      const token = randomBytes(32).toString('base64url');
      await db.insert(sessions).values({
        workspaceId: member.workspaceId,
        memberId: member.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + sessionDays * 86_400_000),
      });
      const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, member.workspaceId));
      reply.setCookie(sessionCookie, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies === 'auto' ? request.protocol === 'https' : secureCookies,
        maxAge: sessionDays * 86_400,
      });
      return {
        workspaceId: member.workspaceId,
        workspaceName: ws!.name,
        member: { id: member.id, name: member.name, email: member.email },
      };
    },
  );

  app.post(
    contract.logout.path,
    { schema: { tags: ['auth'], response: { 204: contract.logout.response } } },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    contract.me.path,
    { schema: { tags: ['auth'], response: { 200: contract.me.response, ...errors } } },
    async (request) => {
      const caller = requireCaller(request);
      const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, caller.workspaceId));
      const [member] = caller.memberId ? await db.select().from(members).where(eq(members.id, caller.memberId)) : [];
      return {
        workspaceId: caller.workspaceId,
        workspaceName: ws!.name,
        member: member ? { id: member.id, name: member.name, email: member.email } : null,
      };
    },
  );
};
