import { and, count, eq, ilike, or, sql, type AnyColumn } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { HeraldDb } from '../client';
import { broadcasts } from '../schema/journeys';
import { members } from '../schema/workspaces';
import type { broadcastStatuses } from '../enums';

/** Columns the broadcast list sorts by (each header of the page). */
export type BroadcastListSort =
  | 'name'
  | 'content'
  | 'method'
  | 'type'
  | 'sendType'
  | 'sendAt'
  | 'status'
  | 'createdBy'
  | 'createdAt'
  | 'updatedBy'
  | 'updatedAt';

export interface BroadcastListParams {
  workspaceId: string;
  /** Matches the name or the content (any part, case-insensitive). */
  search?: string | undefined;
  status?: (typeof broadcastStatuses)[number] | undefined;
  sort: BroadcastListSort;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const creator = alias(members, 'creator');
const editor = alias(members, 'editor');

const sortColumns: Record<BroadcastListSort, AnyColumn> = {
  name: broadcasts.name,
  content: broadcasts.contentSummary,
  method: broadcasts.method,
  type: broadcasts.type,
  sendType: broadcasts.sendType,
  sendAt: broadcasts.sendAt,
  status: broadcasts.status,
  createdBy: creator.name,
  createdAt: broadcasts.createdAt,
  updatedBy: editor.name,
  updatedAt: broadcasts.updatedAt,
};

/** `%text%` for ILIKE, with the pattern characters of the text taken literally. */
export const containsPattern = (text: string): string => `%${text.replace(/[%_\\]/g, '\\$&')}%`;

/**
 * One page of the broadcast list, sorted on the server by any column (rows without a value last,
 * ties in creation order, then by id so pages never overlap), with the total the filter matches.
 */
export async function listBroadcasts(db: HeraldDb, p: BroadcastListParams) {
  const where = and(
    eq(broadcasts.workspaceId, p.workspaceId),
    p.status ? eq(broadcasts.status, p.status) : undefined,
    p.search
      ? or(
          ilike(broadcasts.name, containsPattern(p.search)),
          ilike(broadcasts.contentSummary, containsPattern(p.search)),
        )
      : undefined,
  );
  const direction = sql.raw(p.dir === 'asc' ? 'asc' : 'desc');
  const rows = await db
    .select({
      id: broadcasts.id,
      name: broadcasts.name,
      contentSummary: broadcasts.contentSummary,
      method: broadcasts.method,
      type: broadcasts.type,
      sendType: broadcasts.sendType,
      sendAt: broadcasts.sendAt,
      localTime: broadcasts.localTime,
      status: broadcasts.status,
      createdByName: creator.name,
      createdAt: broadcasts.createdAt,
      updatedByName: editor.name,
      updatedAt: broadcasts.updatedAt,
      conversationContactId: broadcasts.conversationContactId,
    })
    .from(broadcasts)
    .leftJoin(creator, eq(creator.id, broadcasts.createdBy))
    .leftJoin(editor, eq(editor.id, broadcasts.updatedBy))
    .where(where)
    .orderBy(
      sql`${sortColumns[p.sort]} ${direction} nulls last`,
      sql`${broadcasts.createdAt} ${direction}`,
      sql`${broadcasts.id} ${direction}`,
    )
    .limit(p.limit)
    .offset(p.offset);
  const [total] = await db.select({ n: count() }).from(broadcasts).where(where);
  return { rows, total: total?.n ?? 0 };
}
export type BroadcastListRow = Awaited<ReturnType<typeof listBroadcasts>>['rows'][number];
