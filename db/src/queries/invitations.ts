import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { invitations } from '../schema/access';
import { members, workspaces } from '../schema/workspaces';
import type { MemberRole } from './auth';

/** An invitation row. */
export type InvitationRow = typeof invitations.$inferSelect;

/** An invitation is open until it is accepted, withdrawn or past its expiry. */
const isOpen = (now: Date) =>
  and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

/** A workspace's invitations still open (not accepted, not withdrawn, not expired), newest first, with who invited. */
export async function openInvitations(
  db: HeraldDb,
  p: { workspaceId: string; now: Date },
): Promise<Array<InvitationRow & { invitedByName: string | null }>> {
  const rows = await db
    .select({ invitation: invitations, invitedByName: members.name })
    .from(invitations)
    .leftJoin(members, eq(members.id, invitations.invitedBy))
    .where(and(eq(invitations.workspaceId, p.workspaceId), isOpen(p.now)))
    .orderBy(desc(invitations.createdAt));
  return rows.map((r) => ({ ...r.invitation, invitedByName: r.invitedByName }));
}

/** Stores an invitation (its token's hash only); returns the row. */
export async function insertInvitation(
  db: HeraldDb,
  p: {
    workspaceId: string;
    email: string;
    role: MemberRole;
    prefix: string;
    tokenHash: string;
    invitedBy: string | null;
    expiresAt: Date;
  },
): Promise<InvitationRow> {
  const [row] = await db
    .insert(invitations)
    .values({ ...p, email: p.email.toLowerCase() })
    .returning();
  return row!;
}

/** An invitation by its token's prefix, with its workspace's name (the token's hash is the caller's to compare). */
export async function invitationByPrefix(
  db: HeraldDb,
  p: { prefix: string },
): Promise<(InvitationRow & { workspaceName: string }) | undefined> {
  const [row] = await db
    .select({ invitation: invitations, workspaceName: workspaces.name })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.prefix, p.prefix));
  return row ? { ...row.invitation, workspaceName: row.workspaceName } : undefined;
}

/** Marks an invitation used, only if it still is open: true for the one caller that did (single use under races). */
export async function claimInvitation(db: HeraldDb, p: { id: string; now: Date }): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ acceptedAt: p.now, updatedAt: p.now })
    .where(and(eq(invitations.id, p.id), isOpen(p.now)))
    .returning({ id: invitations.id });
  return rows.length === 1;
}

/** Withdraws an open invitation of a workspace; false when there was none to withdraw. */
export async function revokeInvitation(
  db: HeraldDb,
  p: { workspaceId: string; id: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: p.now, updatedAt: p.now })
    .where(
      and(
        eq(invitations.workspaceId, p.workspaceId),
        eq(invitations.id, p.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length === 1;
}

/** Deletes an invitation whose email could not be sent (nothing half-made stays behind). */
export async function deleteInvitation(db: HeraldDb, p: { id: string }): Promise<void> {
  await db.delete(invitations).where(eq(invitations.id, p.id));
}
