import { sql, type HeraldDb } from '@herald/db';
import { capabilityOf, frequencyCapPolicy, workspaceSettingsSchema, type MethodId, type QuotaPolicy } from '@herald/engine';
import { rowsOf } from '../sql-lists';

/** The workspace's frequency cap as a per-contact policy (settings; null when none is set). */
export async function workspaceFrequencyCap(db: HeraldDb, workspaceId: string): Promise<QuotaPolicy | null> {
  const [row] = rowsOf<{ settings: unknown }>(await db.execute(sql`select settings from workspaces where id = ${workspaceId}::uuid`));
  const settings = workspaceSettingsSchema.safeParse(row?.settings ?? {});
  return settings.success && settings.data.frequencyCap ? frequencyCapPolicy('workspace_frequency_cap', settings.data.frequencyCap, 'Workspace frequency cap') : null;
}

/**
 * The marketer's frequency caps that apply to a send: the workspace's (settings, every channel)
 * and the journey's own. Webhooks are not messages to a person, and group chats are not
 * contacts: they count against neither.
 */
export async function frequencyCapsFor(db: HeraldDb, send: { workspaceId: string; method: MethodId; type?: string; journey?: { id: string; frequencyCap?: { limit: number; period: 'day' | 'week' | 'month' } | undefined } | undefined }): Promise<QuotaPolicy[]> {
  if (capabilityOf(send.method).channels.includes('webhook') || send.type === 'group_chats') return [];
  const caps: QuotaPolicy[] = [];
  const workspace = await workspaceFrequencyCap(db, send.workspaceId);
  if (workspace) caps.push(workspace);
  const own = send.journey?.frequencyCap;
  if (own) caps.push(frequencyCapPolicy(`journey_frequency_cap:${send.journey!.id}`, { limit: own.limit, window: own.period }, 'Journey frequency cap'));
  return caps;
}
