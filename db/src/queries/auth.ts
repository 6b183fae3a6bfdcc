import { and, eq, gt, isNull } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { apiKeys, members, sessions } from '../schema/workspaces';

/** An API key not revoked, by the prefix its text carries (its hash is checked by the caller). */
export async function activeApiKey(
  db: HeraldDb,
  p: { prefix: string },
): Promise<{ workspaceId: string; keyHash: string } | undefined> {
  const [row] = await db
    .select({ workspaceId: apiKeys.workspaceId, keyHash: apiKeys.keyHash })
    .from(apiKeys)
    .where(and(eq(apiKeys.prefix, p.prefix), isNull(apiKeys.revokedAt)));
  return row;
}

/** The member a session token (by its hash) signs in, while the session lasts and the member is enabled. */
export async function sessionMember(
  db: HeraldDb,
  p: { tokenHash: string; now: Date },
): Promise<{ workspaceId: string; memberId: string } | undefined> {
  const [row] = await db
    .select({ workspaceId: sessions.workspaceId, memberId: sessions.memberId, disabled: members.disabled })
    .from(sessions)
    .innerJoin(members, eq(members.id, sessions.memberId))
    .where(and(eq(sessions.tokenHash, p.tokenHash), gt(sessions.expiresAt, p.now)));
  return row && !row.disabled ? { workspaceId: row.workspaceId, memberId: row.memberId } : undefined;
}
