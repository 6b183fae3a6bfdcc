import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';
import type { earlyCallbackSources } from '../schema';

// Callbacks that name a message id before Herald has recorded it (`early_callbacks`): kept by the
// webhook, claimed by the settlement that records the id. The two meet under one advisory lock per
// (account, message id), so whichever commits first, the other sees it: a callback that finds no
// message is kept, and the settlement that records the message then finds the callback.

/** Where a kept callback came from (the table's `source`): employee answers, receipts, template / mass job results. */
export type EarlyCallbackSource = (typeof earlyCallbackSources)[number];

/** A callback kept until its message id is recorded. */
export interface EarlyCallback {
  workspaceId: string;
  msgid: string;
  /** The employee's WeCom user id (employee answers) or the recipient the callback names. */
  userid: string;
  action: 'sent' | 'delivered' | 'declined' | 'read' | 'replied' | 'failed';
  detail?: string | null;
  /** ISO 8601. */
  at: string;
}

/** How long a callback naming an id Herald never records is kept (then pruned): a week. */
export const earlyCallbackDays = 7;

/**
 * Lock slots the (account, message id) pairs hash into: a transaction takes at most this many locks, however many
 * ids it names. PostgreSQL's lock table holds 64 × max_connections locks in all (6,400 by default): a settlement
 * of 2,500 agent messages took a lock per id and per request (5,000), and four lanes at once failed "out of shared
 * memory" (./herald faults' schedule-temporal-restart, 2026-11-30). Ids sharing a slot only wait for each other.
 */
const lockSlots = 1024;

/**
 * Takes the transaction's lock on each (account, message id)'s slot, in one statement and a fixed order (so two
 * transactions locking overlapping sets never deadlock). A callback's lookup takes them exclusively, a settlement
 * recording ids (`shared`) shares them with other settlements, which never record the same id: a callback and a
 * settlement naming one id still exclude each other, which is what makes the order of their arrival irrelevant.
 */
export async function lockMessageIds(
  tx: HeraldDb,
  p: { channelAccountId: string; msgids: readonly string[]; shared?: boolean },
): Promise<void> {
  if (p.msgids.length === 0) return;
  await tx.execute(sql`select ${messageIdLocks(p)}`);
}

/**
 * The expression that takes `lockMessageIds`' locks (its value: how many slots), for a statement that takes
 * other locks too. What reads under them must be a later statement: under READ COMMITTED a statement's
 * snapshot is taken before its locks are granted, and would miss what the lock's holder commits meanwhile.
 */
export function messageIdLocks(p: { channelAccountId: string; msgids: readonly string[]; shared?: boolean }): SQL {
  const keys = JSON.stringify([...new Set(p.msgids)].map((m) => `${p.channelAccountId}:${m}`));
  const lock = p.shared ? sql`pg_advisory_xact_lock_shared` : sql`pg_advisory_xact_lock`;
  // 0x48524c44 ('HRLD') keeps these locks apart from any other advisory lock on the database.
  return sql`(select count(${lock}(1213353028, k)) from (
    select distinct hashtext(x) & ${lockSlots - 1}::int as k from jsonb_array_elements_text(${keys}::jsonb) as x
    order by 1) s)`;
}

/** Keeps callbacks whose message id is not recorded yet (a repeat of one already kept adds nothing). */
export async function keepEarlyCallbacks(
  tx: HeraldDb,
  p: { channelAccountId: string; source: EarlyCallbackSource; callbacks: readonly EarlyCallback[] },
): Promise<void> {
  if (p.callbacks.length === 0) return;
  const rows = JSON.stringify(
    p.callbacks.map((c) => ({ w: c.workspaceId, m: c.msgid, u: c.userid, a: c.action, d: c.detail ?? null, t: c.at })),
  );
  await tx.execute(sql`insert into early_callbacks
      (workspace_id, channel_account_id, source, msgid, userid, action, detail, at)
    select x.w, ${p.channelAccountId}::uuid, ${p.source}, x.m, x.u, x.a, x.d, x.t
    from jsonb_to_recordset(${rows}::jsonb) as x(w uuid, m text, u text, a text, d text, t timestamptz)
    on conflict (channel_account_id, msgid, source, userid, action) do nothing`);
}

/** The advisory-lock key of an agent message's request reference (beside its message id's). */
export const refKey = (ref: string) => `ref:${ref}`;

/** What a settlement claims: per source, the message ids it records; and the requests (delivery rows) it records. */
export interface CallbackClaim {
  channelAccountId: string;
  msgids: Partial<Record<EarlyCallbackSource, readonly string[]>>;
  /** Employee answers kept under these requests' references (`detail`), whatever their message id. */
  refs?: readonly string[];
}

/** Every source's kept callbacks a settlement took, each oldest first (a source it did not ask for: empty). */
export type ClaimedCallbacks = Record<EarlyCallbackSource, EarlyCallback[]>;

/**
 * Takes (deletes and returns) the kept callbacks of every source that name message ids (and employee
 * answers that name requests) a settlement is recording, in its transaction: one pass over all their
 * locks, then one statement. Each source's callbacks come back oldest first.
 */
export async function claimKeptCallbacks(tx: HeraldDb, p: CallbackClaim): Promise<ClaimedCallbacks> {
  const keys = claimLockKeys(p);
  if (keys.length === 0) return claimedOf([]);
  await lockMessageIds(tx, { channelAccountId: p.channelAccountId, msgids: keys, shared: true });
  return claimedOf(rowsOf<KeptRow>(await tx.execute(sql`${claimKept(p, sql`true`)}`)));
}

/** The keys a claim locks (shared): the message ids it names, and its requests' references. */
export function claimLockKeys(p: CallbackClaim): string[] {
  return [...Object.values(p.msgids).flatMap((ids) => ids ?? []), ...(p.refs ?? []).map(refKey)];
}

/** A kept callback as a claim's statement returns it. */
export type KeptRow = EarlyCallback & { source: EarlyCallbackSource; at: string | Date; id: number };

/** The kept callbacks a claim names, as a condition on `early_callbacks`. */
function namedBy(p: CallbackClaim): SQL {
  const pairs = Object.entries(p.msgids).flatMap(([source, ids]) => [...new Set(ids)].map((m) => ({ s: source, m })));
  const refs = [...new Set(p.refs ?? [])];
  return sql`channel_account_id = ${p.channelAccountId}::uuid
        and ((source, msgid) in (select x.s, x.m
            from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as x(s text, m text))
          or (source = 'employee'
            and detail = any(array(select jsonb_array_elements_text(${JSON.stringify(refs)}::jsonb)))))`;
}

/** A query of the kept callbacks a claim names (`select 1`, for `exists`); its locks as `claimKept`'s. */
export function keptFor(p: CallbackClaim): SQL {
  return sql`select 1 from early_callbacks where ${namedBy(p)}`;
}

/**
 * The statement (a DELETE … RETURNING, also usable as a CTE) that takes the callbacks a claim names, only
 * `when` holds; its locks (`claimLockKeys`, shared) must be granted in an earlier statement.
 */
export function claimKept(p: CallbackClaim, when: SQL): SQL {
  return sql`delete from early_callbacks
      where ${when} and ${namedBy(p)}
      returning id, source, workspace_id as "workspaceId", msgid, userid, action, detail, at`;
}

/** The claimed rows by source, each oldest first. */
export function claimedOf(rows: readonly KeptRow[]): ClaimedCallbacks {
  const claimed: ClaimedCallbacks = { employee: [], receipt: [], job: [], mass: [] };
  const sorted = rows
    .map((r) => ({ ...r, at: new Date(r.at).toISOString() }))
    .sort((a, b) => a.at.localeCompare(b.at) || Number(a.id) - Number(b.id));
  for (const { id: _id, source, ...c } of sorted) claimed[source].push(c);
  return claimed;
}

/**
 * Takes (deletes and returns) the kept callbacks of a source that name message ids now being
 * recorded, oldest first, under the ids' locks (in the recording transaction).
 */
export async function claimEarlyCallbacks(
  tx: HeraldDb,
  p: { channelAccountId: string; source: EarlyCallbackSource; msgids: readonly string[] },
): Promise<EarlyCallback[]> {
  return (await claimKeptCallbacks(tx, { channelAccountId: p.channelAccountId, msgids: { [p.source]: p.msgids } }))[
    p.source
  ];
}

/** Prunes kept callbacks older than `earlyCallbackDays` (their message id was never recorded); returns how many. */
export async function pruneEarlyCallbacks(db: HeraldDb, p: { now: Date }): Promise<number> {
  const cutoff = new Date(p.now.getTime() - earlyCallbackDays * 86_400_000).toISOString();
  return rowsOf(
    await db.execute(sql`delete from early_callbacks where received_at < ${cutoff}::timestamptz returning id`),
  ).length;
}
