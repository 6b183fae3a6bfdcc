import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { updateRow } from '../rows';
import { apiKeys, members, sessions, users, workspaces } from '../schema/workspaces';
import type { keyRoles, memberLocales, memberRoles } from '../enums';

/** A member's role. */
export type MemberRole = (typeof memberRoles)[number];
/** An API key's role. */
export type KeyRole = (typeof keyRoles)[number];

/** An API key not revoked, by the prefix its text carries (its hash and expiry are checked by the caller). */
export async function activeApiKey(
  db: HeraldDb,
  p: { prefix: string },
): Promise<
  { id: string; workspaceId: string; keyHash: string; role: KeyRole; name: string; expiresAt: Date | null } | undefined
> {
  const [row] = await db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      keyHash: apiKeys.keyHash,
      role: apiKeys.role,
      name: apiKeys.name,
      expiresAt: apiKeys.expiresAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, p.prefix), isNull(apiKeys.revokedAt)));
  return row;
}

/** Notes a key's use, at most once a minute per key (one conditional update; no write on every request). */
export async function touchApiKey(db: HeraldDb, p: { id: string; now: Date }): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: p.now })
    .where(
      and(
        eq(apiKeys.id, p.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(p.now.getTime() - 60_000))),
      ),
    );
}

/**
 * What changes when a key stops working: the revoked keys' count and newest revocation, and how
 * many keys there are (a deleted workspace's keys vanish). API replicas compare it to drop cached keys.
 */
export async function apiKeyRevocationMark(db: HeraldDb): Promise<string> {
  const [row] = await db
    .select({
      mark: sql<string>`count(*) filter (where ${apiKeys.revokedAt} is not null)
        || ':' || coalesce(max(${apiKeys.revokedAt})::text, '') || ':' || count(*)`,
    })
    .from(apiKeys);
  return row?.mark ?? '';
}

/** A signed-in member as the API sees them: their workspace, role, and whether they run this Herald. */
export interface SessionMember {
  workspaceId: string;
  memberId: string;
  userId: string;
  role: MemberRole;
  name: string;
  instanceAdmin: boolean;
}

/** The member a session token (by its hash) signs in, while the session lasts and the member is enabled. */
export async function sessionMember(
  db: HeraldDb,
  p: { tokenHash: string; now: Date },
): Promise<SessionMember | undefined> {
  const [row] = await db
    .select({
      workspaceId: sessions.workspaceId,
      memberId: sessions.memberId,
      userId: members.userId,
      role: members.role,
      name: members.name,
      disabled: members.disabled,
      instanceAdmin: users.instanceAdmin,
    })
    .from(sessions)
    .innerJoin(members, eq(members.id, sessions.memberId))
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(sessions.tokenHash, p.tokenHash), gt(sessions.expiresAt, p.now)));
  if (!row || row.disabled) return undefined;
  const { disabled: _disabled, ...member } = row;
  return member;
}

/** A user by (lower-cased) email. */
export async function userByEmail(db: HeraldDb, p: { email: string }): Promise<typeof users.$inferSelect | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, p.email.toLowerCase()));
  return row;
}

/** The workspaces a user is an (enabled) member of, oldest membership first. */
export async function membershipsOf(
  db: HeraldDb,
  p: { userId: string },
): Promise<Array<{ memberId: string; workspaceId: string; workspaceName: string; role: MemberRole }>> {
  return db
    .select({
      memberId: members.id,
      workspaceId: members.workspaceId,
      workspaceName: workspaces.name,
      role: members.role,
    })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.userId, p.userId), eq(members.disabled, false)))
    .orderBy(asc(members.createdAt));
}

/** Opens a session for a member (the token's hash only). */
export async function createSession(
  db: HeraldDb,
  p: { workspaceId: string; memberId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.insert(sessions).values(p);
}

/** Ends the session of a token (by its hash). */
export async function deleteSession(db: HeraldDb, p: { tokenHash: string }): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, p.tokenHash));
}

/** Keeps the editor's language a member chose (null: follow the browser's again). */
export async function setMemberLocale(
  db: HeraldDb,
  p: { memberId: string; locale: (typeof memberLocales)[number] | null },
): Promise<void> {
  await updateRow(db, members, p.memberId, { locale: p.locale });
}
