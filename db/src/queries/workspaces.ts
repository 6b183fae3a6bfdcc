import { eq } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { apiKeys, members, workspaces, type memberRoles } from '../schema/workspaces';

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

/** A new workspace with its first API key (already hashed) and first member (password already hashed). */
export interface NewWorkspace {
  name: string;
  slug: string;
  apiKey: { name: string; prefix: string; keyHash: string };
  member: { email: string; name: string; passwordHash: string; role: (typeof memberRoles)[number] };
}

/** Creates a workspace with its first key and member, in one transaction; returns its id. */
export async function createWorkspace(db: HeraldDb, p: NewWorkspace): Promise<string> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const [ws] = await tx.insert(workspaces).values({ name: p.name, slug: p.slug }).returning({ id: workspaces.id });
    await tx.insert(apiKeys).values({ workspaceId: ws!.id, ...p.apiKey });
    await tx.insert(members).values({ workspaceId: ws!.id, ...p.member });
    return ws!.id;
  });
}
