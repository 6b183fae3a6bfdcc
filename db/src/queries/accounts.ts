import { asc, eq } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { firstRow, isWorkspaceRow, type WorkspaceRowKey } from '../workspace-row';
import { channelAccounts } from '../schema/channels';

/** A channel account row, credentials still sealed. */
export type ChannelAccountRow = typeof channelAccounts.$inferSelect;
export type NewChannelAccount = Omit<typeof channelAccounts.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

/**
 * A channel account by id alone: for the provider callbacks, which name the account in their URL
 * and prove who they are by its credentials, not by a workspace.
 */
export async function channelAccountById(db: HeraldDb, p: { id: string }): Promise<ChannelAccountRow | undefined> {
  const [row] = await db.select().from(channelAccounts).where(eq(channelAccounts.id, p.id));
  return row;
}

/** A workspace's channel account (undefined when it is another workspace's, or none). */
export async function channelAccountOf(db: HeraldDb, p: WorkspaceRowKey): Promise<ChannelAccountRow | undefined> {
  return firstRow(db.select().from(channelAccounts).where(isWorkspaceRow(channelAccounts, p)));
}

/** A workspace's channel accounts by name. */
export function listChannelAccounts(db: HeraldDb, workspaceId: string): Promise<ChannelAccountRow[]> {
  return db
    .select()
    .from(channelAccounts)
    .where(eq(channelAccounts.workspaceId, workspaceId))
    .orderBy(asc(channelAccounts.name));
}

/** Adds a channel account (a duplicate name raises the unique violation). */
export async function insertChannelAccount(db: HeraldDb, values: NewChannelAccount): Promise<ChannelAccountRow> {
  const [row] = await db.insert(channelAccounts).values(values).returning();
  return row!;
}

/** Changes the given columns of one of a workspace's accounts; undefined when it is not there. */
export async function updateChannelAccount(
  db: HeraldDb,
  workspaceId: string,
  id: string,
  patch: Partial<
    Pick<ChannelAccountRow, 'name' | 'baseUrl' | 'settings' | 'credentialsEncrypted' | 'quotaOverrides' | 'disabledAt'>
  >,
): Promise<ChannelAccountRow | undefined> {
  return firstRow(
    db
      .update(channelAccounts)
      .set({ ...patch, updatedAt: new Date() })
      .where(isWorkspaceRow(channelAccounts, { workspaceId, id }))
      .returning(),
  );
}

/** A workspace's accounts by id, with what validation needs of each (kind, name, whether disabled). */
export async function accountsById(
  db: HeraldDb,
  workspaceId: string,
): Promise<Record<string, { kind: ChannelAccountRow['kind']; name: string; disabled: boolean }>> {
  const rows = await db
    .select({
      id: channelAccounts.id,
      kind: channelAccounts.kind,
      name: channelAccounts.name,
      disabledAt: channelAccounts.disabledAt,
    })
    .from(channelAccounts)
    .where(eq(channelAccounts.workspaceId, workspaceId));
  return Object.fromEntries(rows.map((r) => [r.id, { kind: r.kind, name: r.name, disabled: r.disabledAt !== null }]));
}

/** Every WeCom account's time for employees to send an agent message (its `employeeConfirmHours`, in ms), where set. */
export async function employeeConfirmTimes(db: HeraldDb): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: channelAccounts.id, settings: channelAccounts.settings })
    .from(channelAccounts)
    .where(eq(channelAccounts.kind, 'wecom'));
  return new Map(
    rows.flatMap((r) => {
      const hours = Number(r.settings.employeeConfirmHours);
      return Number.isFinite(hours) && hours > 0 ? [[r.id, hours * 3_600_000] as const] : [];
    }),
  );
}
