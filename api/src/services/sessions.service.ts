import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createSession, hashToken, type HeraldDb, type MemberRole } from '@herald/db';
import { sessionCaller, sessionCookie, type Caller } from '../plugins/auth.plugin';

const sessionDays = 14;

/** Cookies `Secure`: always, never, or when the request came over https ('auto'). */
export type SecureCookies = boolean | 'auto';

/**
 * Signs a member in: a session (only its token's hash is stored) in an httpOnly, SameSite=Lax
 * cookie that is `Secure` whenever the request came over HTTPS (`'auto'`, which honours
 * X-Forwarded-Proto when the app trusts its proxy) or always (`true`, a public https URL). Returns
 * the caller it stands for (the audit trail's actor).
 */
export async function openSession(
  db: HeraldDb,
  request: FastifyRequest,
  reply: FastifyReply,
  secureCookies: SecureCookies,
  member: { id: string; workspaceId: string; userId: string; name: string; role: MemberRole; instanceAdmin: boolean },
): Promise<Caller> {
  const token = randomBytes(32).toString('base64url');
  await createSession(db, {
    workspaceId: member.workspaceId,
    memberId: member.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + sessionDays * 86_400_000),
  });
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies === 'auto' ? request.protocol === 'https' : secureCookies,
    maxAge: sessionDays * 86_400,
  });
  return sessionCaller({ ...member, memberId: member.id });
}
