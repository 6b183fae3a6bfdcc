import { and, eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { HeraldDb } from './client';

/** Which row of a workspace a call means: its id, and the workspace that must own it. */
export interface WorkspaceRowKey {
  workspaceId: string;
  id: string;
}

/**
 * The condition "row `p.id`, owned by workspace `p.workspaceId`" on a table a workspace owns (`workspaceTable`):
 * a row of another workspace is as good as none, whoever asks.
 */
export function isWorkspaceRow(table: { id: AnyPgColumn; workspaceId: AnyPgColumn }, p: WorkspaceRowKey): SQL {
  return and(eq(table.id, p.id), eq(table.workspaceId, p.workspaceId))!;
}

/** The first row a query returns (undefined: none). */
export async function firstRow<T>(rows: PromiseLike<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

/** The id of a row of a table a workspace owns that meets `where` in that workspace (undefined: none). */
export async function idInWorkspace(
  db: HeraldDb,
  table: PgTable & { id: AnyPgColumn<{ data: string; notNull: true }>; workspaceId: AnyPgColumn },
  workspaceId: string,
  where: SQL,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.workspaceId, workspaceId), where));
  return row?.id;
}
