import { sql } from 'drizzle-orm';
import { workspaceSettingsSchema, type WorkspaceSettings } from '@herald/engine';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';

/** The workspace's settings (frequency cap, quiet hours), read fresh: a change applies to the next page. */
export async function loadWorkspaceSettings(db: HeraldDb, workspaceId: string): Promise<WorkspaceSettings> {
  const [row] = rowsOf<{ settings: unknown }>(
    await db.execute(sql`select settings from workspaces where id = ${workspaceId}::uuid`),
  );
  const parsed = workspaceSettingsSchema.safeParse(row?.settings ?? {});
  return parsed.success ? parsed.data : { frequencyCap: null, quietHours: null, timezone: null };
}
