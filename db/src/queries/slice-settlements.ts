import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { executePrepared, pipelinedTransaction } from '../prepared';
import { rowsOf } from '../rows';
import { counterCtes, type CounterIds } from './counters';
import { closeBatchSql, lockBatchSql, ownMessageIdsSql } from './delivery-batches';
import {
  claimedOf,
  claimKept,
  claimLockKeys,
  keptFor,
  messageIdLocks,
  type CallbackClaim,
  type ClaimedCallbacks,
  type KeptRow,
} from './early-callbacks';

// The common settlement of a one-by-one send (customer-service, template, email): a slice of calls the
// provider all accepted, each with its message id, and nothing handed to employees. It is settled in two
// statements sent together (pipelined): the first takes the locks, the second — a later statement, so its
// snapshot sees whatever a lock's holder committed before granting it — records the ids, closes the batch after
// its last slice, claims the callbacks kept for the ids and grows the counters. Before, each of those was a
// statement awaited in turn, with a read of the batch's holder before the slice's calls: nine round trips with
// BEGIN and COMMIT. Now one on the embedded default when nothing is kept for the ids (`settleAcceptedSliceAlone`),
// three on a pool or when callbacks are kept (`settleAcceptedSlice`, in the caller's transaction).

/** A slice every call of which the provider accepted. */
export interface AcceptedSlice {
  ids: CounterIds;
  batchId: number;
  /** Each accepted row's own message id: [row id, message id] (none when the closed batch carries a shared one). */
  messageIds: readonly [number, string][];
  /** More slices of the batch follow: the rows leave the still open batch; else the batch closes `sent`. */
  open: boolean;
  /** The closing batch's message id when every row shares one, else null. */
  shared: string | null;
  /** The rows the closing slice carried (what the counters grow by: an open slice counts the rows it moved). */
  rows: number;
  sentAt: string;
  /** The callbacks kept for these ids (receipts, job results) that the settlement takes. */
  claim: CallbackClaim;
}

/** What a slice's settlement found: who holds the batch, what it counted and the callbacks it claimed. */
export interface SliceSettled {
  /** The batch's holder when the settlement locked it (undefined: no such batch). */
  holder: string | null | undefined;
  sent: number;
  kept: ClaimedCallbacks;
}

/**
 * Settles an accepted slice in the caller's transaction, only while its batch is still `sending` (else it
 * records and counts nothing): locks the batch row and the ids' callback locks (shared), then in one
 * statement writes each row's message id (an open batch: only rows still in it, which leave it), closes the
 * batch after its last slice, claims the kept callbacks and grows the counters. The claimed callbacks are the
 * caller's to apply in the same transaction, after this (the ids are written then).
 */
export async function settleAcceptedSlice(tx: HeraldDb, p: AcceptedSlice): Promise<SliceSettled> {
  const [lock, settle] = sliceStatements(p, 'claim');
  // Sent together: the second statement starts once the first has its locks (the server runs them in order).
  const [locked, settled] = await Promise.all([executePrepared(tx, lock), executePrepared(tx, settle)]);
  return sliceSettled(locked, settled);
}

/**
 * Settles an accepted slice as `settleAcceptedSlice` does, in a transaction of its own written at once with its
 * BEGIN and COMMIT (`pipelinedTransaction`: one round trip on the embedded default, where each round trip of an
 * open transaction holds PGlite's one connection idle), when no callback is kept for its ids: kept callbacks
 * need the caller's step between the settlement and COMMIT. When some are, it writes nothing and returns null
 * (the caller settles the slice with `settleAcceptedSlice`, which claims and applies them).
 */
export async function settleAcceptedSliceAlone(db: HeraldDb, p: AcceptedSlice): Promise<SliceSettled | null> {
  const [locked, settled] = await pipelinedTransaction(db, sliceStatements(p, 'none kept'));
  const [row] = rowsOf<{ keptWaiting: boolean }>(settled);
  return row?.keptWaiting ? null : sliceSettled(locked, settled);
}

/**
 * The slice's two statements: the locks, then the settlement. `claim`: the settlement claims the kept callbacks
 * and returns them; `none kept`: it settles only when none is kept for the ids (else writes nothing and says so).
 */
function sliceStatements(p: AcceptedSlice, kept: 'claim' | 'none kept'): [SQL, SQL] {
  const { ids, batchId, open, sentAt: at } = p;
  const locks = messageIdLocks({
    channelAccountId: p.claim.channelAccountId,
    msgids: claimLockKeys(p.claim),
    shared: true,
  });
  const sending = sql`exists (select 1 from batch)`;
  const own = { messageIds: p.messageIds, toEmployee: false, open, batchId, sentAt: at };
  const close = open
    ? sql``
    : sql`closed as (${closeBatchSql(sql`id in (select id from batch)`, {
        status: 'sent',
        providerMessageId: p.shared,
        sentAt: at,
      })}),`;
  // What the slice settled: an open one the rows that left the batch, the closing one the rows it carried.
  const sent = open ? sql`(select count(*) from own)` : sql`${p.rows}`;
  // An open slice's rows wait on the batch row (`pending_sent`, locked here anyway) for the closing slice, which
  // counts them with its own: the run's and step's counter rows are every lane's, and a slice that grew them held
  // them until its COMMIT came back, the other lanes' settlements waiting (8.4 ms a settlement on PostgreSQL in a
  // storm, 0.9 ms without; capacity 1,149 → 1,375 entries/s, ./herald bench --only realtime --rate 1500).
  const counted = open ? sql`0` : sql`${p.rows} + (select pending_sent from delivery_batches where id = ${batchId})`;
  const pending = open
    ? sql`pending as (update delivery_batches set pending_sent = pending_sent + ${sent}
        where id in (select id from batch)),`
    : sql``;
  // A statement after the locks: its snapshot sees whatever callback a lock's holder kept before granting it.
  const waiting = kept === 'none kept' ? sql`(select exists (${keptFor(p.claim)}) as found)` : null;
  return [
    lockBatchSql(batchId, sql`, ${locks} as locks`),
    sql`
      with ${waiting ? sql`waiting as ${waiting},` : sql``}
      batch as (select id from delivery_batches where id = ${batchId} and status = 'sending'
        ${waiting ? sql`and not (select found from waiting)` : sql``}),
      own as (${ownMessageIdsSql(own, sending)}),
      ${close}
      ${waiting ? sql`` : sql`kept as (${claimKept(p.claim, sending)}),`}
      ${pending}
      ${counterCtes(ids, { sent: counted }, sql`${sending} and ${counted} > 0`)}
      select ${sending} as settled, ${sent}::int as sent,
        ${
          waiting
            ? sql`'[]'::jsonb as kept, (select found from waiting) as "keptWaiting"`
            : sql`coalesce((select jsonb_agg(to_jsonb(k)) from kept k), '[]'::jsonb) as kept`
        }`,
  ];
}

/** What the two statements answered, as `SliceSettled` (nothing counted unless the batch was still sending). */
function sliceSettled(locked: unknown, settled: unknown): SliceSettled {
  const [batch] = rowsOf<{ holder: string | null }>(locked);
  const [row] = rowsOf<{ settled: boolean; sent: number; kept: KeptRow[] }>(settled);
  return {
    holder: batch?.holder,
    sent: row?.settled ? Number(row.sent) : 0,
    kept: claimedOf(row?.kept ?? []),
  };
}
