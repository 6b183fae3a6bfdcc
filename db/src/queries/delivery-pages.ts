import { sql, type SQL } from 'drizzle-orm';
import { type HeraldDb } from '../client';
import { indexProbeSettings } from '../ledger';
import type { QuietHours, StoppingPolicy } from '@herald/engine';
import { cohortMembers, pageSource, type AudienceQuery } from './audience';
import { cohortPathsOf, type CohortPaths } from './journey-cohorts';
import type { PageRow } from './page-rows';
import { inQuietHoursSql, usedUp, type ContactRule } from './contact-rules';
import { rowsOf, textList } from '../sql-lists';
import { counterCtes } from './counters';
import { afterEventUsedUp, interactedWithin } from './interaction-window';
import { variantBucket, variantIds, variantIndexOf, type VariantChoice } from './experiments';

export interface PageSpec {
  workspaceId: string;
  runId: string;
  nodeId: string;
  entrySeq: number;
  channelAccountId: string;
  method: string;
  /** The method a contact outside the interaction window gets instead (null: skipped with window_closed). */
  fallbackMethod: string | null;
  query: AudienceQuery;
  now: Date;
  /** Per-contact quotas and caps, in the order they are checked. */
  rules: readonly ContactRule[];
  /** The method goes through the contacts' owning employees: a contact with none is skipped (`no_owner`). */
  throughOwner?: boolean;
  /** Hours after the last interaction a send may reach a contact (undefined: no window). */
  windowHours: number | undefined;
  /** A limit on sends right after a follow, scan or menu click (WeChat's customer-service messages). */
  afterEvent?: StoppingPolicy | undefined;
  quietHours: QuietHours | null;
  knownZones: readonly string[];
  journeyVersionId: string;
  /** Whether the rows that go out come back with their contact ids (to read names for personalised fields). */
  withContactIds: boolean;
  /**
   * `fail`: a first attempt, rows must be new (a unique violation sends the caller to `skip`);
   * `skip`: keep existing rows.
   */
  onConflict: 'fail' | 'skip';
  /** The page is a batch run's audience arriving at its first step: its rows count as entered there. */
  countEntered?: boolean;
  /** A step with variants: each row's variant (written on it), one batch per variant. */
  variants?: VariantChoice;
}

/**
 * The skip reason of the page's row `s` (null: it goes out), rules in their documented order:
 * unsubscribed, no identity, no owning employee (WeCom), quiet hours, the interaction window
 * (unless there is a fallback), the sends allowed after a follow, scan or menu click, the channel's
 * per-recipient quotas, then the marketer's caps.
 */
function reasonOf(spec: PageSpec): SQL {
  const cases: SQL[] = [sql`when s.unsubscribed then 'unsubscribed'`, sql`when s.recipient is null then 'no_identity'`];
  if (spec.throughOwner) cases.push(sql`when s.owners is null then 'no_owner'`);
  if (spec.quietHours)
    cases.push(
      sql`when ${inQuietHoursSql(spec.now, spec.quietHours, sql`s.timezone`, spec.knownZones)} then 'quiet_hours'`,
    );
  if (spec.windowHours !== undefined && !spec.fallbackMethod) cases.push(sql`when not s.open then 'window_closed'`);
  if (spec.afterEvent) {
    const usedUp = afterEventUsedUp({
      policy: spec.afterEvent,
      contact: sql`s.id`,
      recipient: sql`s.recipient`,
      channelAccountId: spec.channelAccountId,
      now: spec.now,
      windowHours: spec.windowHours,
    });
    // Only the rows the method itself sends (inside the window): a fallback's are another method's.
    const sent = spec.windowHours === undefined ? usedUp : sql`s.open and ${usedUp}`;
    cases.push(sql`when ${sent} then ${spec.afterEvent.skipReason}`);
  }
  for (const rule of spec.rules)
    cases.push(sql`when ${usedUp(rule, spec.now, sql`s.id`, sql`s.recipient`)} then ${rule.policy.skipReason}`);
  return sql`case ${sql.join(cases, sql` `)} end`;
}

/** The columns of the ledger's unique key: one row per contact, message and arrival at a step of a run. */
const deliveryKey = sql`run_id, node_id, contact_id, message_index, entry_seq`;

/** What one page's statement wrote: the rows that go out (with their batch), and counts of the rest. */
export interface RecordedPage {
  batchId: number;
  /** Every batch the statement may have opened (one per variant; `batchId` alone without variants). */
  batchIds: number[];
  /** Rows written (with `skip`, only the new ones). */
  written: number;
  skipped: number;
  /** The greatest contact id written (the page's cursor when it was full). */
  lastId: string | null;
  /**
   * Rows written `sent`, in id order (the page's contact order), in the batch; `contactId` is
   * empty unless asked for.
   */
  going: PageRow[];
  /** A ledger cohort's page: how many members of its range (cursor, until] take each path (see `cohortMembers`). */
  paths?: CohortPaths;
}

/**
 * Reads the page's audience, decides every rule, writes every row, opens the batch and counts
 * the skipped rows — one statement, inside the caller's transaction (which holds the page's
 * contact locks and plan settings). Rows that go out are written `sent` in a new batch, `sending`
 * until its call is settled; the rest `skipped`. No batch is written when nothing goes out.
 * Only the rows that go out travel back, as one JSON value.
 */
export async function recordPage(tx: HeraldDb, spec: PageSpec): Promise<RecordedPage> {
  const open =
    spec.windowHours === undefined
      ? sql`true`
      : interactedWithin({
          contact: sql`s.id`,
          channelAccountId: spec.channelAccountId,
          now: spec.now,
          hours: spec.windowHours,
        });
  // The window check runs once per row, in its own layer, only for methods that have one.
  const windowed =
    spec.windowHours === undefined
      ? sql`(${pageSource(spec.query)})`
      : sql`(select s.*, ${open} as open from (${pageSource(spec.query)}) s offset 0)`;
  // Outside the window a row goes by the fallback method, if the node has one.
  const fallback = spec.fallbackMethod !== null && spec.windowHours !== undefined;
  const method = fallback
    ? sql`case when p.open then ${spec.method} else ${spec.fallbackMethod} end`
    : sql`${spec.method}`;
  // What travels back is what the provider call needs: ids, addresses, owners (a fallback's
  // method, contact ids for names only when used).
  const v = spec.variants;
  // With variants every row carries its variant and each variant goes in a batch of its own (one
  // content per provider call); without, the statement is exactly the one-batch page.
  const batchCte = v
    ? sql`batches as (select x.variant, x.ord, nextval('delivery_batches_id_seq') as id
        from unnest(${textList(variantIds(v))}) with ordinality x(variant, ord)),
      bids as (select array_agg(id order by ord) as ids, array_agg(variant order by ord) as names from batches)`
    : sql`batch as (select nextval('delivery_batches_id_seq') as id)`;
  // Each row's variant is its place in the list: its batch and name are array subscripts of
  // values read once. The place is tested on the row's bucket in the page's own layer (a hash per
  // test: one for two variants).
  const batchOf = v ? sql`(select ids from bids)[p.vk]` : sql`(select id from batch)`;
  const source = v
    ? sql`(select s.*, ${reasonOf(spec)} as reason, ${variantIndexOf(v, variantBucket(v, sql`s.id`))} as vk
        from ${windowed} s
        offset 0) p`
    : sql`(select s.*, ${reasonOf(spec)} as reason from ${windowed} s offset 0) p`;
  // The page's rows are drawn once, each with its ledger id, in contact order: the insert writes them
  // and the summary reads them here, with what RETURNING could not carry (a contact's owners, read
  // once). A first attempt writes every row or fails; a retry keeps existing rows and reads only
  // those it wrote.
  const skip = spec.onConflict === 'skip';
  const variantOf = v ? sql`, (select names from bids)[p.vk] as variant` : sql``;
  const insertBatches = sql`insert into delivery_batches
      (id, workspace_id, run_id, node_id, entry_seq, first_row_id, last_row_id, created_at) overriding system value`;
  const batchOfPage = sql`${spec.workspaceId}::uuid, ${spec.runId}::uuid, ${spec.nodeId}, ${spec.entrySeq}`;
  const now = sql`${spec.now.toISOString()}::timestamptz`;
  // With variants, one pass over the written rows gives each variant's bounds and rows (the k-th of
  // every array is the k-th variant's), so each row travels back without its variant or batch.
  const names = v ? variantIds(v) : [];
  const ofVariant = (i: number) => sql`status = 'sent' and variant = ${names[i]!}`;
  const perVariant = (each: (i: number) => SQL) =>
    sql.join(
      names.map((_, i) => each(i)),
      sql`, `,
    );
  const goingRow = sql`json_build_array(id, recipient, owners, ${fallback ? sql`method` : sql`null`},
    ${spec.withContactIds ? sql`contact_id` : sql`null`})`;
  const bounds = v
    ? sql`array[${perVariant((i) => sql`min(id) filter (where ${ofVariant(i)})`)}] as firsts,
      array[${perVariant((i) => sql`max(id) filter (where ${ofVariant(i)})`)}] as lasts,
      json_build_array(${perVariant((i) => sql`json_agg(${goingRow} order by id) filter (where ${ofVariant(i)})`)})
        as going`
    : sql`min(id) filter (where status = 'sent') as first_sent, max(id) filter (where status = 'sent') as last_sent,
      json_agg(${goingRow} order by id) filter (where status = 'sent') as going`;
  const opened = v
    ? sql`${insertBatches}
      select bb.id, ${batchOfPage}, sm.firsts[bb.ord], sm.lasts[bb.ord], ${now}
      from batches bb, summary sm
      where sm.firsts[bb.ord] is not null`
    : sql`${insertBatches}
      select (select id from batch), ${batchOfPage}, first_sent, last_sent, ${now}
      from summary
      where first_sent is not null`;
  // A cohort page's members are read once, materialized: the page's rows and the counts by path come from them.
  const members = cohortMembers(spec.query);
  const membersCte = members ? sql`cohort_members as materialized (${members}),` : sql``;
  const pathsColumn = members
    ? sql`, (select json_agg(json_build_array(path, n)) from (select path, count(*)::int as n from cohort_members
        group by path) g) as paths`
    : sql``;
  const batchColumns = v
    ? sql`(select min(id) from batches) as "batchId", (select json_agg(id order by ord) from batches) as "batchIds"`
    : sql`(select id from batch) as "batchId", null as "batchIds"`;
  const [row] = rowsOf<{
    batchId: string;
    batchIds: string[] | string | null;
    written: number;
    skipped: number;
    lastId: string | null;
    going: unknown;
    paths?: unknown;
  }>(
    await tx.execute(sql`
    with ${batchCte}, ${membersCte}
    page as (
      select nextval('deliveries_id_seq') as id, p.id as contact_id, p.entry_seq, ${method} as method, p.recipient,
        p.owners, case when p.reason is null then 'sent' else 'skipped' end as status, p.reason,
        case when p.reason is null then ${batchOf} end as batch_id${variantOf}
      from ${source}),
    ins as (
      insert into deliveries (id, workspace_id, run_id, node_id, contact_id, message_index, entry_seq,
        channel_account_id, method, recipient, owner_employee_id, status, skip_reason, batch_id,
        ${v ? sql`variant, ` : sql``}created_at) overriding system value
      select r.id, ${spec.workspaceId}::uuid, ${spec.runId}::uuid, ${spec.nodeId}, r.contact_id, 0, r.entry_seq,
             ${spec.channelAccountId}::uuid, r.method, r.recipient, r.owners[1], r.status, r.reason, r.batch_id,
             ${v ? sql`r.variant, ` : sql``}${now}
      from page r
      ${skip ? sql`on conflict (${deliveryKey}) do nothing` : sql``} returning id),
    summary as (
      select count(*)::int as written, (count(*) filter (where status = 'skipped'))::int as skipped,
             max(contact_id::text) as last_id,
             ${bounds}
      from page
      ${skip ? sql`where id in (select id from ins)` : sql``}),
    opened as (${opened}),
    ${counterCtes(
      spec,
      {
        skipped: sql`(select skipped from summary)`,
        entered: spec.countEntered ? sql`(select written from summary)` : undefined,
      },
      spec.countEntered ? sql`(select written from summary) > 0` : sql`(select skipped from summary) > 0`,
    )}
    -- The main query reads the insert, so it runs to its end before the counters' CTEs: data-modifying CTEs the
    -- main query does not read run after it, the last declared first, so the counters' rows (the run's, the step's)
    -- were locked before the page's rows were written and held through the insert — every lane's page and every
    -- settlement of the run waited on them in turn (pg_locks over the journey benchmark: a third of a page's time).
    select ${batchColumns},
      written, skipped, last_id as "lastId", going, (select count(*) from ins) as inserted${pathsColumn}
    from summary`),
  );
  const batchId = Number(row!.batchId);
  const ids = typeof row!.batchIds === 'string' ? (JSON.parse(row!.batchIds) as string[]) : row!.batchIds;
  const batchIds = ids ? ids.map(Number) : [batchId];
  type GoingRow = [number, string | null, string[] | null, string | null, string | null];
  const json = typeof row!.going === 'string' ? (JSON.parse(row!.going) as unknown) : row!.going;
  // Without variants one list of rows, in the batch; with, a list per variant (null: none), in its batch.
  const lists: Array<{ rows: GoingRow[]; batchId: number; variant: string | null }> = v
    ? ((json ?? []) as Array<GoingRow[] | null>).map((rows, k) => ({
        rows: rows ?? [],
        batchId: batchIds[k]!,
        variant: names[k]!,
      }))
    : [{ rows: (json ?? []) as GoingRow[], batchId, variant: null }];
  const going = lists.flatMap((list) =>
    list.rows.map(([id, recipient, owners, method, contactId]) => ({
      id,
      contactId: contactId ?? '',
      status: 'sent',
      recipient,
      method: method ?? spec.method,
      ownerEmployeeId: owners?.[0] ?? null,
      ownerEmployeeIds: owners ?? [],
      batchId: list.batchId,
      batchStatus: 'sending',
      variant: list.variant,
    })),
  );
  if (lists.length > 1) going.sort((a, b) => a.id - b.id);
  const recorded = { batchId, batchIds, written: row!.written, skipped: row!.skipped, lastId: row!.lastId, going };
  return members ? { ...recorded, paths: cohortPathsOf(row!.paths) } : recorded;
}

/**
 * Opens the page's transaction: the planner settings of its probes, and the quota buckets' advisory
 * locks (`locks`, from `bucketLocks`) when per-contact rules count, before `recordPage`.
 */
export async function lockPage(tx: HeraldDb, p: { locks: SQL | null }): Promise<void> {
  const { locks } = p;
  await tx.execute(sql`select ${indexProbeSettings}${locks ? sql`, ${locks}` : sql``}`);
}
