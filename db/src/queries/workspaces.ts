import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { updateRow } from '../rows';
import { apiKeys, members, users, workspaces } from '../schema/workspaces';
import { runs } from '../schema/journeys';
import type { MemberRole } from './auth';

/** A workspace row. */
export type WorkspaceRow = typeof workspaces.$inferSelect;

/** A workspace by id. */
export async function workspaceById(db: HeraldDb, p: { id: string }): Promise<WorkspaceRow | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, p.id));
  return row;
}

/** A workspace by its slug. */
export async function workspaceBySlug(db: HeraldDb, p: { slug: string }): Promise<WorkspaceRow | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, p.slug));
  return row;
}

/** Whether anyone can sign in to this Herald yet (a fresh database has no user). */
export async function hasUsers(db: HeraldDb): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}

/** A new workspace with its first API key (already hashed) and first member, a new user (password already hashed). */
export interface NewWorkspace {
  name: string;
  slug: string;
  apiKey: { name: string; prefix: string; keyHash: string };
  member: { email: string; name: string; passwordHash: string; role: MemberRole; instanceAdmin: boolean };
}

/** Creates a workspace with its first key, user and member, in one transaction; returns its id. */
export async function createWorkspace(db: HeraldDb, p: NewWorkspace): Promise<string> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const [ws] = await tx.insert(workspaces).values({ name: p.name, slug: p.slug }).returning({ id: workspaces.id });
    const { email, name, passwordHash, role, instanceAdmin } = p.member;
    const [user] = await tx
      .insert(users)
      .values({ email: email.toLowerCase(), name, passwordHash, instanceAdmin })
      .returning({ id: users.id });
    await tx.insert(members).values({ workspaceId: ws!.id, userId: user!.id, email: email.toLowerCase(), name, role });
    await tx.insert(apiKeys).values({ workspaceId: ws!.id, role: 'admin', ...p.apiKey });
    return ws!.id;
  });
}

/** Creates an empty workspace (its owner joins by invitation); returns its row. */
export async function insertWorkspace(db: HeraldDb, p: { name: string; slug: string }): Promise<WorkspaceRow> {
  const [row] = await db.insert(workspaces).values(p).returning();
  return row!;
}

/** Every workspace of this Herald with its owners' emails and its member count (the instance page). */
export async function listAllWorkspaces(
  db: HeraldDb,
): Promise<Array<{ id: string; name: string; slug: string; createdAt: Date; owners: string[]; members: number }>> {
  return db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      slug: workspaces.slug,
      createdAt: workspaces.createdAt,
      owners: sql<string[]>`coalesce(array_agg(${members.email} order by ${members.email})
        filter (where ${members.role} = 'owner' and not ${members.disabled}), '{}')`,
      members: sql<number>`(count(${members.id}) filter (where not ${members.disabled}))::int`,
    })
    .from(workspaces)
    .leftJoin(members, eq(members.workspaceId, workspaces.id))
    .groupBy(workspaces.id)
    .orderBy(asc(workspaces.createdAt));
}

/** How many of a workspace's runs are still pending, running or paused (a workspace is deleted only without any). */
export async function liveRunCount(db: HeraldDb, p: { workspaceId: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(runs)
    .where(sql`${runs.workspaceId} = ${p.workspaceId} and ${inArray(runs.status, ['pending', 'running', 'paused'])}`);
  return row?.n ?? 0;
}

/**
 * Deletes a workspace and everything it holds (every table cascades from it, but its journey states,
 * which have no keys: see journey-states.ts). Its keys vanish with it, which changes the key count API
 * replicas watch to drop cached keys (apiKeyRevocationMark).
 */
export async function deleteWorkspace(db: HeraldDb, p: { id: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from journey_states where workspace_id = ${p.id}::uuid`);
    await tx.delete(workspaces).where(eq(workspaces.id, p.id));
  });
}

/** A workspace's settings document (every key; callers parse the part they own). */
export async function workspaceSettingsOf(db: HeraldDb, p: { id: string }): Promise<Record<string, unknown>> {
  const [row] = await db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, p.id));
  return row?.settings ?? {};
}

/**
 * Sets some keys of a workspace's settings, leaving the others (one statement: concurrent saves of other keys
 * survive).
 */
export async function mergeWorkspaceSettings(
  db: HeraldDb,
  p: { id: string; values: Record<string, unknown> },
): Promise<void> {
  await updateRow(db, workspaces, p.id, {
    settings: sql`${workspaces.settings} || ${JSON.stringify(p.values)}::jsonb`,
  });
}
