import { and, desc, eq, isNull } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { columnsOf } from '../public-columns';
import { firstRow, isWorkspaceRow, type WorkspaceRowKey } from '../workspace-row';
import { apiKeys, members } from '../schema/workspaces';
import type { KeyRole } from './auth';

/** An API key as its list shows it (never its hash). */
export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  role: KeyRole;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  createdByName: string | null;
}

const columns = {
  ...columnsOf(apiKeys, ['id', 'name', 'prefix', 'role', 'expiresAt', 'lastUsedAt', 'revokedAt', 'createdAt']),
  createdByName: members.name,
};

/** Keys with the name of who made each. */
const keysWithMaker = (db: HeraldDb) =>
  db.select(columns).from(apiKeys).leftJoin(members, eq(members.id, apiKeys.createdBy));

/** A workspace's keys, newest first (revoked ones too: the list says when). */
export async function listApiKeys(db: HeraldDb, p: { workspaceId: string }): Promise<ApiKeyRecord[]> {
  return keysWithMaker(db).where(eq(apiKeys.workspaceId, p.workspaceId)).orderBy(desc(apiKeys.createdAt));
}

/** One key of a workspace. */
export async function apiKeyOf(db: HeraldDb, p: WorkspaceRowKey): Promise<ApiKeyRecord | undefined> {
  return firstRow(keysWithMaker(db).where(isWorkspaceRow(apiKeys, p)));
}

/** Stores a new key (its hash only); returns its id. */
export async function insertApiKey(
  db: HeraldDb,
  p: {
    workspaceId: string;
    name: string;
    role: KeyRole;
    prefix: string;
    keyHash: string;
    expiresAt: Date | null;
    createdBy: string | null;
  },
): Promise<string> {
  const [row] = await db.insert(apiKeys).values(p).returning({ id: apiKeys.id });
  return row!.id;
}

/** Renames a key. */
export async function renameApiKey(db: HeraldDb, p: { workspaceId: string; id: string; name: string }): Promise<void> {
  await db.update(apiKeys).set({ name: p.name, updatedAt: new Date() }).where(isWorkspaceRow(apiKeys, p));
}

/** Revokes a key (once: a second revocation keeps the first time). */
export async function revokeApiKey(db: HeraldDb, p: { workspaceId: string; id: string; now: Date }): Promise<void> {
  await db
    .update(apiKeys)
    .set({ revokedAt: p.now, updatedAt: p.now })
    .where(and(isWorkspaceRow(apiKeys, p), isNull(apiKeys.revokedAt)));
}
