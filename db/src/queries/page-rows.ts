import { sql } from 'drizzle-orm';
import { type HeraldDb } from '../client';
import { deliveryBatchJoin, deliveryIds } from '../ledger';
import { ownersArray, type AudienceQuery } from './audience';
import { idRange, rowsOf, uuidList } from '../sql-lists';

// A send page's ledger rows as they stand, read back by a retry (and by the send after recording).

/** A delivery row of a page as the send path needs it, with its batch's state. */
export interface PageRow {
  id: number;
  contactId: string;
  status: string;
  recipient: string | null;
  method: string;
  /** The owner written on the row (the first of the contact's owners when it was written). */
  ownerEmployeeId: string | null;
  /**
   * Every employee the send goes through (WeCom: the contact's owners, first assigned first; the
   * group chat's owner).
   */
  ownerEmployeeIds: string[];
  batchId: number | null;
  /** `sending` while the batch's call is not acknowledged; null without a batch. */
  batchStatus: string | null;
  /** The message variant the row sends (null: the step has none). */
  variant: string | null;
}

/** A row's employees as a retry sees them: the contact's owners now (first assigned first), else the one on the row. */
const rowOwners = sql`coalesce(${ownersArray(sql`d.contact_id`)},
  case when d.owner_employee_id is null then null else array[d.owner_employee_id] end, '{}'::uuid[])`;

/** The columns of a `PageRow` from a ledger row `d` and its batch `b`. */
const pageRowColumns = sql`d.id, d.contact_id as "contactId", d.status, d.recipient, d.method,
  d.owner_employee_id as "ownerEmployeeId", ${rowOwners} as "ownerEmployeeIds", d.batch_id as "batchId",
  b.status as "batchStatus", d.variant`;

/**
 * Every row of a page as it stands (a retry's view): the page's range of the run's rows, with
 * their batch's state, in contact-id order.
 */
export async function pageRows(
  db: HeraldDb,
  page: { runId: string; nodeId: string; entrySeq: number; query: AudienceQuery },
): Promise<PageRow[]> {
  const { cursor, until, limit } = page.query;
  if (page.query.states) return statePageRows(db, page.query.states, page.query);
  const contactIds = page.query.audience.kind === 'contacts' ? page.query.audience.contactIds : null;
  const result = await db.execute(sql`
    select ${pageRowColumns}
    from deliveries d ${deliveryBatchJoin}
    where d.run_id = ${page.runId}::uuid and d.node_id = ${page.nodeId} and d.entry_seq = ${page.entrySeq}
      and d.message_index = 0 ${idRange(sql`d.contact_id`, cursor, until)}
      ${contactIds ? sql`and d.contact_id = any(${uuidList(contactIds)})` : sql``}
    order by d.contact_id limit ${limit}`);
  return rowsOf<PageRow>(result).map(asPageRow);
}

/**
 * Every row still in the given batches: what a retry sends with its page when arrivals since a batch was recorded
 * pushed some of its rows past the page (a batch is settled whole). Each batch's rows by its id range given as
 * literal bounds (no index on `batch_id`; a join on the range can be planned as a scan of the ledger).
 */
export async function batchRows(db: HeraldDb, p: { batchIds: readonly number[] }): Promise<PageRow[]> {
  if (p.batchIds.length === 0) return [];
  const bounds = rowsOf<{ id: string; first: string; last: string }>(
    await db.execute(sql`select id, first_row_id as first, last_row_id as last from delivery_batches
      where id = any(${deliveryIds(p.batchIds)}) and first_row_id is not null`),
  );
  const rows: PageRow[] = [];
  for (const b of bounds) {
    const result = await db.execute(sql`
      select ${pageRowColumns}
      from deliveries d ${deliveryBatchJoin}
      where d.id between ${Number(b.first)} and ${Number(b.last)} and d.batch_id = ${Number(b.id)}
        and d.message_index = 0`);
    rows.push(...rowsOf<PageRow>(result).map(asPageRow));
  }
  return rows;
}

/** A row as the driver gives it (bigints as strings, arrays as arrays or PostgreSQL's text form). */
function asPageRow(r: PageRow): PageRow {
  const owners = r.ownerEmployeeIds as unknown;
  return {
    ...r,
    id: Number(r.id),
    batchId: r.batchId === null ? null : Number(r.batchId),
    ownerEmployeeIds: Array.isArray(owners)
      ? (owners as string[])
      : String(owners ?? '{}')
          .replace(/[{}]/g, '')
          .split(',')
          .filter(Boolean),
  };
}

/** A journey step's page as it stands: the ledger rows of the arrivals still at the step, in contact order. */
async function statePageRows(
  db: HeraldDb,
  states: { runId: string; nodeId: string },
  q: Pick<AudienceQuery, 'cursor' | 'until' | 'limit'>,
): Promise<PageRow[]> {
  const result = await db.execute(sql`
    select ${pageRowColumns}
    from journey_states s
    -- One probe of the ledger's key per state row (see moveSentPage: fresh rows have no statistics).
    cross join lateral (select d.* from deliveries d where d.run_id = s.run_id and d.node_id = s.node_id
      and d.contact_id = s.contact_id and d.message_index = 0 and d.entry_seq = s.visit limit 1) d
    ${deliveryBatchJoin}
    where s.run_id = ${states.runId}::uuid and s.node_id = ${states.nodeId} and s.status = 'active'
      ${idRange(sql`s.contact_id`, q.cursor, q.until)}
    order by s.contact_id, s.entry_seq limit ${q.limit}`);
  return rowsOf<PageRow>(result).map(asPageRow);
}
