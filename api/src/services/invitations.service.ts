import type { FastifyRequest } from 'fastify';
import {
  addMember,
  claimInvitation,
  deleteInvitation,
  generateInvitationToken,
  hashPassword,
  hashToken,
  insertInvitation,
  insertUser,
  invitationByPrefix,
  memberOfUser,
  safeEqual,
  userByEmail,
  verifyPassword,
  type HeraldDb,
  type InvitationRow,
  type MemberRole,
  type MemberRow,
} from '@herald/db';
import type { AppDeps } from '../deps';
import { HeraldError } from '../errors/herald-error';
import { newPassword, roleWords } from '../contracts/index';

/** How long an invitation link works. */
export const invitationHours = 72;

/** Where links in emails point: HERALD_PUBLIC_URL when set, else the address this request came to. */
export function publicBase(deps: Pick<AppDeps, 'publicUrl'>, request: FastifyRequest): string {
  return (deps.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}

/**
 * Invites an email into a workspace with a role: stores the token's hash, then emails the link
 * (expires in 72 h, single use). Without an SMTP server the link is answered instead, this once,
 * for the inviter to pass on. An email the server refuses leaves no invitation behind (502).
 */
export async function invite(
  deps: Pick<AppDeps, 'db' | 'mailer' | 'publicUrl' | 'now'>,
  request: FastifyRequest,
  p: {
    workspaceId: string;
    workspaceName: string;
    email: string;
    role: MemberRole;
    invitedBy: string | null;
    inviter: string;
  },
): Promise<{ invitation: InvitationRow; emailed: boolean; link: string | null }> {
  const now = deps.now?.() ?? new Date();
  const token = generateInvitationToken();
  const invitation = await insertInvitation(deps.db, {
    workspaceId: p.workspaceId,
    email: p.email,
    role: p.role,
    prefix: token.prefix,
    tokenHash: token.hash,
    invitedBy: p.invitedBy,
    expiresAt: new Date(now.getTime() + invitationHours * 3_600_000),
  });
  const link = `${publicBase(deps, request)}/#/invitation/${token.token}`;
  if (!deps.mailer) return { invitation, emailed: false, link };
  try {
    await deps.mailer.sendMail({
      to: [p.email],
      subject: `${p.inviter} invited you to ${p.workspaceName} on Herald`,
      text: [
        `${p.inviter} invited you to join the workspace "${p.workspaceName}" on Herald as ${p.role}.`,
        `(${roleWords[p.role]})`,
        '',
        `Accept and set your password here (the link works once, for ${invitationHours} hours):`,
        link,
      ].join('\n'),
    });
  } catch (error) {
    await deleteInvitation(deps.db, { id: invitation.id });
    throw HeraldError.of('HERALD_ERR_INVITATION_NOT_SENT', { reason: (error as Error).message });
  }
  return { invitation, emailed: true, link: null };
}

/** The open invitation a token names, compared in constant time; 410 for anything else (no oracle). */
export async function openInvitation(
  db: HeraldDb,
  token: string,
  now: Date,
): Promise<InvitationRow & { workspaceName: string }> {
  const prefix = /^hi_([0-9a-f]{12})_/.exec(token)?.[1];
  const row = prefix ? await invitationByPrefix(db, { prefix }) : undefined;
  const matches = safeEqual(row?.tokenHash ?? hashToken('no invitation'), hashToken(token));
  if (!row || !matches || row.acceptedAt || row.revokedAt || row.expiresAt.getTime() <= now.getTime())
    throw HeraldError.of('HERALD_ERR_INVITATION_INVALID', {});
  return row;
}

/**
 * Accepts an invitation in one transaction: the token is claimed (once, even under races), the
 * person is created with the password they chose — or, when the email already signs in here,
 * proves it with that password — and becomes a member with the invited role.
 */
export async function acceptInvitation(
  deps: Pick<AppDeps, 'db' | 'now'>,
  p: { token: string; name?: string | undefined; password: string },
): Promise<{ member: MemberRow; instanceAdmin: boolean; workspaceName: string }> {
  const now = deps.now?.() ?? new Date();
  const invitation = await openInvitation(deps.db, p.token, now);
  const existing = await userByEmail(deps.db, { email: invitation.email });
  if (existing && !(await verifyPassword(p.password, existing.passwordHash)))
    throw HeraldError.of('HERALD_ERR_BAD_CREDENTIALS', {});
  if (!existing) {
    const checked = newPassword.safeParse(p.password);
    if (!checked.success)
      throw HeraldError.of('HERALD_ERR_VALIDATION', { what: 'The password', problem: 'use at least 12 characters' });
  }
  const passwordHash = existing ? '' : await hashPassword(p.password);
  const member = await deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    if (!(await claimInvitation(tx, { id: invitation.id, now })))
      throw HeraldError.of('HERALD_ERR_INVITATION_INVALID', {});
    const name = existing?.name ?? p.name ?? invitation.email.split('@')[0]!;
    const userId = existing?.id ?? (await insertUser(tx, { email: invitation.email, name, passwordHash }));
    const already = await memberOfUser(tx, { workspaceId: invitation.workspaceId, userId });
    if (already) throw HeraldError.of('HERALD_ERR_ALREADY_MEMBER', { email: invitation.email });
    return addMember(tx, {
      workspaceId: invitation.workspaceId,
      userId,
      email: invitation.email,
      name,
      role: invitation.role,
    });
  });
  return { member, instanceAdmin: existing?.instanceAdmin ?? false, workspaceName: invitation.workspaceName };
}
