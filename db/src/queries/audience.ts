import { ledgerKeyRange } from './journey-cohorts';
import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { bucketAlignedBoundaries, exactBoundaries } from './page-ranges';
import {
  afterEventPolicyOf,
  capabilityOf,
  interactionWindowHoursOf,
  isStopping,
  windowStart,
  type Audience,
  type MethodId,
  type QuotaPolicy,
} from '@herald/engine';
import { afterEventUsedUp, interactedWithin } from './interaction-window';
import { idRange, rowsOf, textList, uuidList } from '../sql-lists';
import { usedUp, type ContactRule } from './contact-rules';
import { segmentSql } from './segment-sql';

export interface AudienceQuery {
  workspaceId: string;
  audience: Audience;
  /** Identity kind on the channel; null for webhooks (the contact id is the address). */
  identityKind: string | null;
  channelAccountId: string;
  cursor: string | null;
  /** Inclusive upper bound of the page's range (null: none). */
  until?: string | null;
  limit: number;
  /** The ledger's entry number of every row of the page (a batch run's audience: 0). */
  entrySeq?: number;
  /** Contacts this condition holds for stay out of the page (a journey's holdout, see `heldOut`). */
  except?: SQL;
  /**
   * A journey step's page instead of an audience: the run's contacts at `nodeId` that are due at
   * `now`, each row's entry number being its arrival (`visit`).
   */
  states?: { runId: string; nodeId: string; now: Date };
  /**
   * A ledger cohort's page instead (engine/src/plan/ledger-cohort.ts): the contacts with a ledger row of the
   * run's first send (`sendId`, entry 0) whose path from the cohort's wait (`path`, a text[] over `s`, the
   * ledger row) ends at the page's step.
   */
  cohort?: { runId: string; sendId: string; path: SQL; target: string; others?: readonly string[] };
  /**
   * The send goes through the contacts' owning employees (WeCom): each row carries them, and
   * reachability needs one.
   */
  owners?: boolean;
}

/** A contact's owning employees as an array, first assigned first (null: none). */
export function ownersArray(contact: SQL): SQL {
  return sql`(select array_agg(o.employee_id order by o.created_at, o.employee_id)
    from contact_owners o
    where o.contact_id = ${contact})`;
}

/** A contact's owning employees, first assigned first (null: none), or null when the send does not need them. */
function ownersColumn(q: AudienceQuery, contact: SQL): SQL {
  return q.owners ? ownersArray(contact) : sql`null::uuid[]`;
}

function identityExists(q: AudienceQuery, extra: SQL = sql``): SQL {
  return sql`exists (select 1 from contact_identities ci
    where ci.contact_id = c.id and ci.kind = ${q.identityKind ?? 'email'} ${extra})`;
}

/** Identities `ci` on the send's account, or on none (an address valid on every account). */
export function onAccount(q: { channelAccountId: string }): SQL {
  return sql`(ci.channel_account_id = ${q.channelAccountId}::uuid or ci.channel_account_id is null)`;
}

/** The group chats `g` an audience of group chats selects: listed ones and those of the listed owners. */
function groupChatsIn(a: { groupChatIds: readonly string[]; allOfOwnerIds: readonly string[] }): SQL {
  return sql`(g.id = any(${uuidList(a.groupChatIds)}) or g.owner_employee_id = any(${uuidList(a.allOfOwnerIds)}))`;
}

/** The WHERE predicate of an audience over contacts `c` (tags all/any with exclusions, lists…). */
export function audiencePredicate(q: AudienceQuery): SQL {
  const a = q.audience;
  switch (a.kind) {
    case 'all':
      return q.identityKind ? identityExists(q, sql`and ${onAccount(q)}`) : sql`true`;
    case 'tags': {
      // One tag: an equality the planner answers from the (tag, contact) primary key alone.
      const tagged =
        a.tagIds.length === 1 ? sql`ct.tag_id = ${a.tagIds[0]}::uuid` : sql`ct.tag_id = any(${uuidList(a.tagIds)})`;
      const include =
        a.mode === 'any' || a.tagIds.length === 1
          ? sql`exists (select 1 from contact_tags ct where ct.contact_id = c.id and ${tagged})`
          : sql`(select count(*) from contact_tags ct
              where ct.contact_id = c.id and ct.tag_id = any(${uuidList(a.tagIds)})) = ${new Set(a.tagIds).size}`;
      if (a.excludeTagIds.length === 0) return include;
      return sql`${include} and not exists (select 1 from contact_tags cx
        where cx.contact_id = c.id and cx.tag_id = any(${uuidList(a.excludeTagIds)}))`;
    }
    case 'accounts':
      return sql`exists (select 1 from contact_identities ci
        where ci.contact_id = c.id and ci.channel_account_id = any(${uuidList(a.channelAccountIds)}))`;
    case 'contacts':
      return sql`c.id = any(${uuidList(a.contactIds)})`;
    case 'chat_numbers':
      // A number is a dialog on one account: a contact known by it on another account is not this dialog.
      return sql`exists (select 1 from contact_identities ci
        where ci.contact_id = c.id and ci.kind = 'chat_number' and ci.value = any(${textList(a.numbers)})
          and ${onAccount(q)})`;
    case 'select_all': {
      const parts: SQL[] = [sql`true`];
      if (a.filter.search) parts.push(sql`c.name ilike ${`%${a.filter.search.replace(/[%_\\]/g, '\\$&')}%`}`);
      if (a.filter.tagIds.length > 0)
        parts.push(
          sql`exists (select 1 from contact_tags ct
            where ct.contact_id = c.id and ct.tag_id = any(${uuidList(a.filter.tagIds)}))`,
        );
      if (a.excludeContactIds.length > 0) parts.push(sql`not (c.id = any(${uuidList(a.excludeContactIds)}))`);
      return sql.join(parts, sql` and `);
    }
    case 'segment':
      // The rule is read in by the caller (`withSegmentRule`); without one the segment is gone: nobody.
      return a.rule ? segmentSql(a.rule, { now: sql`now()`, mode: 'set' }) : sql`false`;
    case 'group_chats':
      return sql`false`;
  }
}

/** The identity value column for the page (scoped to the account where identities are). */
function recipientColumn(q: AudienceQuery): SQL {
  if (!q.identityKind) return sql`c.id::text`;
  return sql`(select ci.value from contact_identities ci
    where ci.contact_id = c.id and ci.kind = ${q.identityKind} and ${onAccount(q)}
    order by ci.channel_account_id nulls last
    limit 1)`;
}

/**
 * One keyset page of an audience as a subquery, in id order: each contact (or group chat) with
 * its address on the channel (`recipient`, null without one), its owning employee, whether it
 * unsubscribed and its time zone. The send reads, decides and writes a page in one statement
 * around it (`recordPage`).
 */
export function pageSource(q: AudienceQuery): SQL {
  const entrySeq = sql`${q.entrySeq ?? 0}::bigint as entry_seq`;
  if (q.states) {
    const { runId, nodeId, now } = q.states;
    return sql`select c.id, ${ownersColumn(q, sql`c.id`)} as owners, ${recipientColumn(q)} as recipient,
        c.unsubscribed, c.timezone, s.visit as entry_seq
      from journey_states s cross join lateral (select * from contacts cc where cc.id = s.contact_id) c
      where s.run_id = ${runId}::uuid and s.node_id = ${nodeId} and s.status = 'active'
        and s.due_at <= ${now.toISOString()}::timestamptz
        and s.goal_at is null ${idRange(sql`s.contact_id`, q.cursor, q.until)}
      order by s.contact_id, s.entry_seq
      limit ${q.limit}`;
  }
  if (q.cohort) {
    const { runId, target, others = [] } = q.cohort;
    // With more than one send to end at, a member another send of the cohort took (a ledger row, or a row held
    // there for an employee's rate) stays out: its path was decided then, and a condition changed since (a tag
    // removed before a retry) must not send it both messages.
    const decided =
      others.length === 0
        ? sql``
        : sql`and not exists (select 1 from deliveries x where x.run_id = ${runId}::uuid
              and x.contact_id = m.contact_id and x.node_id in (${sql.join(
                others.map((o) => sql`${o}`),
                sql`, `,
              )}) and x.message_index = 0 and x.entry_seq = 0)
            and not exists (select 1 from journey_states h where h.run_id = ${runId}::uuid
              and h.contact_id = m.contact_id and h.entry_seq = 0)`;
    // The members bound here first (their paths, read once in the statement's cohort_members), then their
    // contacts: the others' are never read.
    return sql`select c.id, ${ownersColumn(q, sql`c.id`)} as owners, ${recipientColumn(q)} as recipient,
        c.unsubscribed, c.timezone, ${entrySeq}
      from (select m.contact_id from cohort_members m
        where m.path[cardinality(m.path)] = ${target} ${decided}
        order by m.contact_id
        offset 0) m
      cross join lateral (select * from contacts cc where cc.id = m.contact_id) c
      ${q.except ? sql`where not ${q.except}` : sql``}
      order by m.contact_id
      limit ${q.limit}`;
  }
  if (q.audience.kind === 'group_chats') {
    const a = q.audience;
    return sql`select g.id,
        case when g.owner_employee_id is null then null else array[g.owner_employee_id] end as owners,
        g.chat_id as recipient, false as unsubscribed, null::text as timezone, ${entrySeq}
      from group_chats g
      where g.workspace_id = ${q.workspaceId}::uuid ${idRange(sql`g.id`, q.cursor, q.until)} and ${groupChatsIn(a)}
      order by g.id
      limit ${q.limit}`;
  }
  return sql`select c.id, ${ownersColumn(q, sql`c.id`)} as owners, ${recipientColumn(q)} as recipient,
      c.unsubscribed, c.timezone, ${entrySeq}
    from contacts c
    where ${q.except ? sql`not ${q.except} and` : sql``} c.workspace_id = ${q.workspaceId}::uuid
      ${idRange(sql`c.id`, q.cursor, q.until)} and ${audiencePredicate(q)}
    order by c.id
    limit ${q.limit}`;
}

/**
 * A ledger cohort page's members (`q.cohort`): the first send's ledger rows of the page's range, each with its path
 * from the cohort's wait, read once by the ledger key. The page statement keeps them as `cohort_members`: the page
 * takes those whose path ends at its step, and the same rows, counted by path, are what the cohort's close moves
 * the counters by (`CohortPaths`) — the close then reads no member again.
 */
export function cohortMembers(q: AudienceQuery): SQL | null {
  if (!q.cohort) return null;
  const { runId, sendId, path } = q.cohort;
  return sql`select s.contact_id, ${path} as path from deliveries s
    where ${ledgerKeyRange(runId, sendId, { after: q.cursor, until: q.until ?? null })}`;
}

/**
 * Contacts `c` a send on the channel can reach: not unsubscribed, with an identity on the channel
 * where it needs one, and an owning employee where the send goes through one.
 */
function reachableOnChannel(q: AudienceQuery): SQL {
  const owned = q.owners ? sql` and exists (select 1 from contact_owners o where o.contact_id = c.id)` : sql``;
  return q.identityKind
    ? sql`and not c.unsubscribed and ${identityExists(q, sql`and ${onAccount(q)}`)}${owned}`
    : sql`and not c.unsubscribed${owned}`;
}

/**
 * How many contacts (or group chats) an audience selects; `reachable` counts only those with an
 * identity on the channel who have not unsubscribed.
 */
export async function countAudience(
  db: HeraldDb,
  q: Omit<AudienceQuery, 'cursor' | 'limit'>,
  options: { reachable?: boolean } = {},
): Promise<number> {
  if (q.audience.kind === 'group_chats') {
    const result = await db.execute(
      sql`select count(*)::int as n
        from group_chats g
        where g.workspace_id = ${q.workspaceId}::uuid and ${groupChatsIn(q.audience)}`,
    );
    return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
  }
  const full = { ...q, cursor: null, limit: 0 };
  const result = await db.execute(
    sql`select count(*)::int as n
      from contacts c
      where c.workspace_id = ${q.workspaceId}::uuid and ${audiencePredicate(full)}
        ${options.reachable ? reachableOnChannel(full) : sql``}`,
  );
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

/**
 * The editor's dry run: how many of an audience a send by `method` would reach now, net of
 * identities, unsubscribes and every rule a send checks — the interaction window, per-recipient
 * quotas and the marketer's caps already used up in their current window, and what is left of
 * the account's own quotas (their windows in `zone`, the account's quota time zone). Reads only;
 * reserves nothing. (A window's fallback method is not considered: the count is for the method asked about.)
 */
export async function countSendable(
  db: HeraldDb,
  q: Omit<AudienceQuery, 'cursor' | 'limit'>,
  method: MethodId,
  policies: readonly QuotaPolicy[],
  caps: readonly ContactRule[],
  now: Date,
  zone = 'UTC',
): Promise<number> {
  if (q.audience.kind === 'group_chats') return countAudience(db, q);
  const full = { ...q, cursor: null, limit: 0 };
  const rules: SQL[] = [];
  // The account's own window (its override of the policy), as the send applies it.
  const windowHours = interactionWindowHoursOf(policies);
  if (windowHours !== undefined) {
    const window = { contact: sql`c.id`, channelAccountId: q.channelAccountId, now, hours: windowHours };
    rules.push(sql`and ${interactedWithin(window)}`);
  }
  const perContact: ContactRule[] = [
    ...policies
      .filter(isStopping)
      .filter((p) => p.kind === 'quota' && p.per === 'recipient')
      .map((policy) => ({ policy, scope: 'recipient' as const, zone })),
    ...caps,
  ];
  // WeChat's sends right after a follow, scan or menu click, used up: skipped as the send skips them.
  const afterEvent = afterEventPolicyOf(policies);
  if (afterEvent) {
    const recipient = recipientColumn(full);
    const channelAccountId = q.channelAccountId;
    const used = afterEventUsedUp({
      policy: afterEvent,
      contact: sql`c.id`,
      recipient,
      channelAccountId,
      now,
      windowHours,
    });
    rules.push(sql`and not ${used}`);
  }
  for (const rule of perContact) rules.push(sql`and not ${usedUp(rule, now, sql`c.id`, recipientColumn(full))}`);
  const result = await db.execute(
    sql`select count(*)::int as n
      from contacts c
      where c.workspace_id = ${q.workspaceId}::uuid and ${audiencePredicate(full)} ${reachableOnChannel(full)}
        ${sql.join(rules, sql` `)}`,
  );
  let n = rowsOf<{ n: number }>(result)[0]?.n ?? 0;
  for (const p of policies.filter((p) => p.kind === 'quota' && p.per === 'account')) {
    const [row] = rowsOf<{ count: number }>(
      await db.execute(sql`select count from quota_usage
        where workspace_id = ${q.workspaceId}::uuid and policy = ${p.key} and subject = ${q.channelAccountId}
          and window_start = ${windowStart(p.window, now, zone).toISOString()}::timestamptz`),
    );
    const left = Math.max(p.limit - (row?.count ?? 0), 0);
    n = Math.min(n, p.unit === 'call' ? left * capabilityOf(method).batchSize : left);
  }
  return n;
}

/**
 * Boundaries of ranges of an audience after `cursor` (at most a page each, ending where a lock bucket
 * ends: see bucketAlignedBoundaries), at most `maxRanges` of them: ranges that workers send in
 * parallel without waiting for one another's per-contact locks. One pass over ids only; the limit
 * stops the scan early. `done` when the audience ends after the last boundary. `exact`: ranges of exactly a
 * page each, for a send whose calls are scarce (exactBoundaries).
 */
export async function audienceBoundaries(
  db: HeraldDb,
  q: Omit<AudienceQuery, 'limit' | 'until'> & { pageSize: number; maxRanges: number; exact?: boolean },
): Promise<{ boundaries: string[]; done: boolean }> {
  const source =
    q.audience.kind === 'group_chats'
      ? sql`select g.id from group_chats g
          where g.workspace_id = ${q.workspaceId}::uuid ${idRange(sql`g.id`, q.cursor)} and ${groupChatsIn(q.audience)}
          order by g.id`
      : sql`select c.id from contacts c
          where c.workspace_id = ${q.workspaceId}::uuid ${idRange(sql`c.id`, q.cursor)}
            and ${audiencePredicate({ ...q, limit: 0 })}
          order by c.id`;
  const ranges = { source, pageSize: q.pageSize, maxRanges: q.maxRanges };
  return q.exact ? exactBoundaries(db, ranges) : bucketAlignedBoundaries(db, ranges);
}
