import { and, asc, eq, ne, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { members, sessions, users } from '../schema/workspaces';
import type { MemberRole } from './auth';

/** A member row. */
export type MemberRow = typeof members.$inferSelect;

/** A workspace's members (removed ones left out), oldest first. */
export async function listMembers(db: HeraldDb, p: { workspaceId: string }): Promise<MemberRow[]> {
  return db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, p.workspaceId), eq(members.disabled, false)))
    .orderBy(asc(members.createdAt));
}

/** One enabled member of a workspace. */
export async function memberOf(db: HeraldDb, p: { workspaceId: string; id: string }): Promise<MemberRow | undefined> {
  return enabledMember(db, p.workspaceId, eq(members.id, p.id));
}

/** The enabled member a user is in a workspace. */
export async function memberOfUser(
  db: HeraldDb,
  p: { workspaceId: string; userId: string },
): Promise<MemberRow | undefined> {
  return enabledMember(db, p.workspaceId, eq(members.userId, p.userId));
}

async function enabledMember(db: HeraldDb, workspaceId: string, which: SQL): Promise<MemberRow | undefined> {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), which, eq(members.disabled, false)));
  return row;
}

/** A user's name and email by id. */
export async function userOf(
  db: HeraldDb,
  p: { id: string },
): Promise<{ id: string; email: string; name: string; instanceAdmin: boolean } | undefined> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, instanceAdmin: users.instanceAdmin })
    .from(users)
    .where(eq(users.id, p.id));
  return row;
}

/**
 * Changes a member's role, unless that would leave the workspace without an owner (the owners' rows
 * are locked while it counts them, so two demotions cannot both pass). Returns the member, or 'last_owner'.
 */
export async function setMemberRole(
  db: HeraldDb,
  p: { workspaceId: string; id: string; role: MemberRole },
): Promise<MemberRow | 'last_owner' | undefined> {
  return changeMember(db, p, { role: p.role }, (target) => target.role === 'owner' && p.role !== 'owner');
}

/**
 * Removes a member: disabled (their name stays on what they made) and every session of theirs
 * ended in the same transaction. Refused ('last_owner') for the last owner.
 */
export async function removeMember(
  db: HeraldDb,
  p: { workspaceId: string; id: string },
): Promise<MemberRow | 'last_owner' | undefined> {
  return changeMember(
    db,
    p,
    { disabled: true },
    (target) => target.role === 'owner',
    (tx) => tx.delete(sessions).where(eq(sessions.memberId, p.id)),
  );
}

/**
 * Sets `fields` on an enabled member in one transaction with the owners locked; 'last_owner', changing
 * nothing, when the member is the workspace's last owner and the change `unowns` them. `first` runs
 * before the change, in the same transaction.
 */
async function changeMember(
  db: HeraldDb,
  p: { workspaceId: string; id: string },
  fields: { role?: MemberRole; disabled?: boolean },
  unowns: (target: MemberRow) => boolean,
  first?: (tx: HeraldDb) => Promise<unknown>,
): Promise<MemberRow | 'last_owner' | undefined> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const owners = await lockOwners(tx, p.workspaceId);
    const target = await memberOf(tx, p);
    if (!target) return undefined;
    if (unowns(target) && owners.filter((o) => o !== target.id).length === 0) return 'last_owner';
    await first?.(tx);
    const [row] = await tx
      .update(members)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(members.id, p.id))
      .returning();
    return row;
  });
}

/** The ids of a workspace's owners, their rows locked until the transaction ends (two removals cannot both pass). */
async function lockOwners(tx: HeraldDb, workspaceId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.role, 'owner'), eq(members.disabled, false)))
    .for('update');
  return rows.map((r) => r.id);
}

/**
 * Adds a user to a workspace with a role: a new member, or a removed one enabled again (the row
 * keeps what they made). Returns the member.
 */
export async function addMember(
  db: HeraldDb,
  p: { workspaceId: string; userId: string; email: string; name: string; role: MemberRole },
): Promise<MemberRow> {
  const [row] = await db
    .insert(members)
    .values({ ...p, email: p.email.toLowerCase() })
    .onConflictDoUpdate({
      target: [members.workspaceId, members.email],
      set: { userId: p.userId, name: p.name, role: p.role, disabled: false, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

/** Makes `toId` an owner and the current owner `fromId` an admin, in one transaction. */
export async function transferOwnership(
  db: HeraldDb,
  p: { workspaceId: string; fromId: string; toId: string },
): Promise<MemberRow | undefined> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    await lockOwners(tx, p.workspaceId);
    const target = await memberOf(tx, { workspaceId: p.workspaceId, id: p.toId });
    if (!target) return undefined;
    const [row] = await tx
      .update(members)
      .set({ role: 'owner', updatedAt: new Date() })
      .where(eq(members.id, p.toId))
      .returning();
    await tx
      .update(members)
      .set({ role: 'admin', updatedAt: new Date() })
      .where(and(eq(members.id, p.fromId), ne(members.id, p.toId)));
    return row;
  });
}

/** Creates a user (password already hashed); returns its id. */
export async function insertUser(
  db: HeraldDb,
  p: { email: string; name: string; passwordHash: string },
): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({ ...p, email: p.email.toLowerCase() })
    .returning({ id: users.id });
  return row!.id;
}
