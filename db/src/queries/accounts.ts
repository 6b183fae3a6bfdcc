import { and, eq } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { channelAccounts } from '../schema/channels';

/** A channel account row, credentials still sealed. */
export type ChannelAccountRow = typeof channelAccounts.$inferSelect;

/**
 * A channel account by id alone: for the provider callbacks, which name the account in their URL
 * and prove who they are by its credentials, not by a workspace.
 */
export async function channelAccountById(db: HeraldDb, p: { id: string }): Promise<ChannelAccountRow | undefined> {
  const [row] = await db.select().from(channelAccounts).where(eq(channelAccounts.id, p.id));
  return row;
}

/** A workspace's channel account (undefined when it is another workspace's, or none). */
export async function channelAccountOf(
  db: HeraldDb,
  p: { workspaceId: string; id: string },
): Promise<ChannelAccountRow | undefined> {
  const [row] = await db
    .select()
    .from(channelAccounts)
    .where(and(eq(channelAccounts.id, p.id), eq(channelAccounts.workspaceId, p.workspaceId)));
  return row;
}
