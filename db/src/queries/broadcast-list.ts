import { and, count, eq, ilike, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { broadcasts } from '../schema/journeys';
import type { broadcastStatuses } from '../enums';
import { broadcastColumns, broadcastCreator, broadcastEditor } from './broadcasts';

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

/** The three groups a status sorts into, as the reference products name them. */
export type StatusGroup = 'sending' | 'sent' | 'not_processed';

const statusGroups: Record<StatusGroup, readonly string[]> = {
  sending: ['in_progress', 'paused'],
  sent: ['completed', 'failed'],
  not_processed: ['pending', 'draft'],
};

/** A status's place when `first` goes first, then sending, sent, not processed; canceled last. */
function statusRank(first: StatusGroup): SQL {
  const order = [first, ...(['sending', 'sent', 'not_processed'] as const).filter((g) => g !== first)];
  const whens = order.map((g, i) => {
    const statuses = sql.raw(statusGroups[g].map((v) => `'${v}'`).join(', '));
    return sql`when ${broadcasts.status} in (${statuses}) then ${sql.raw(String(i))}`;
  });
  return sql`(case ${sql.join(whens, sql` `)} else 3 end)`;
}

export interface BroadcastListParams {
  workspaceId: string;
  /** Sorts this group of statuses first (then the others), before the chosen column. */
  statusFirst?: StatusGroup | undefined;
  /** Matches the name or the content (any part, case-insensitive). */
  search?: string | undefined;
  status?: (typeof broadcastStatuses)[number] | undefined;
  sort: BroadcastListSort;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const creator = broadcastCreator;
const editor = broadcastEditor;

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
    .select(broadcastColumns)
    .from(broadcasts)
    .leftJoin(creator, eq(creator.id, broadcasts.createdBy))
    .leftJoin(editor, eq(editor.id, broadcasts.updatedBy))
    .where(where)
    .orderBy(
      ...(p.statusFirst ? [statusRank(p.statusFirst)] : []),
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
