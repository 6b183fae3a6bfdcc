import { sql, type SQL } from 'drizzle-orm';
import type { Plan, PlanNode } from '@herald/engine';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';
import { idRange, uuidList } from '../sql-lists';
import { arrival } from './journey-arrival';
import { conditionSql } from './journey-conditions';
import { stableBucket } from './journey-holdout';

/**
 * A page of a run's contacts due at one step: those after `cursor` up to `until` (each when
 * given), at most `limit`.
 */
export interface StepPage {
  workspaceId: string;
  runId: string;
  journeyVersionId: string;
  nodeId: string;
  /** The workflow clock. */
  now: Date;
  cursor: string | null;
  until: string | null;
  limit: number;
}

/** What a page statement did: rows it looked at, rows that left the step, the last contact id. */
export interface StepResult {
  processed: number;
  moved: number;
  lastId: string | null;
}

const ts = (t: Date) => sql`${t.toISOString()}::timestamptz`;
/** Each state row `s` with its contact `c`. */
const withContact = sql`cross join lateral (select * from contacts cc where cc.id = s.contact_id) c`;

/**
 * How a flow step routes a page's rows: the next node per row, optionally a stay (with its
 * wake-up) and side effects.
 */
export interface Route {
  /** The next node id per row of `s` (journey_states) and `c` (contacts), null when the journey ends. */
  target: SQL;
  /** Rows that stay at the step, woken at this time (null: they move). */
  stay?: SQL;
  /** A data-modifying statement over `page(contact_id, target)`, run with the move (tags, contact fields). */
  effect?: SQL;
}

const next = (node: PlanNode, output: string): SQL => sql`${node.next[output] ?? null}::text`;

/**
 * How each flow step kind routes a page, in SQL: splits evaluate their conditions per row (the same
 * conditions a single contact was once checked for), a random split hashes the contact with the step
 * so a contact always takes the same branch, a wait for an event takes "event" when it came.
 */
export function routeOf(
  node: PlanNode,
  journey: { workspaceId: string; journeyId: string },
  now: Date,
  zoneWake?: SQL,
): Route {
  const { workspaceId } = journey;
  const d = node.data as Record<string, unknown>;
  const holds = (condition: Parameters<typeof conditionSql>[0]) =>
    conditionSql(condition, sql`s.contact_id`, workspaceId, now, sql`s.run_id`);
  switch (node.kind) {
    case 'split': {
      const split = node.data as Extract<PlanNode, { kind: 'split' }>['data'];
      if (split.mode === 'yes_no')
        return {
          target: sql`(case when ${holds(split.condition)} then ${next(node, 'yes')} else ${next(node, 'no')} end)`,
        };
      const whens = split.branches.map((b) => sql`when ${holds(b.condition)} then ${next(node, b.id)}`);
      return { target: sql`(case ${sql.join(whens, sql` `)} else ${next(node, 'else')} end)` };
    }
    case 'random_split': {
      const branches = (node.data as Extract<PlanNode, { kind: 'random_split' }>['data']).branches;
      // A stable bucket 0–9999 per (contact, journey, step): a contact re-entering, or on a later
      // version, takes the same branch; another journey's split is independent of this one.
      const bucket = stableBucket(sql`s.contact_id`, `:${journey.journeyId}:${node.id}`);
      let upTo = 0;
      const whens = branches.slice(0, -1).map((b) => {
        upTo += Math.round(b.percent * 100);
        return sql`when ${bucket} < ${upTo} then ${next(node, b.id)}`;
      });
      return { target: sql`(case ${sql.join(whens, sql` `)} else ${next(node, branches.at(-1)!.id)} end)` };
    }
    case 'wait_for_event':
      return {
        target: sql`(case when s.event_at is not null then ${next(node, 'event')} else ${next(node, 'timeout')} end)`,
      };
    case 'wait_until':
      // A time of day: the first look sets each contact's wake-up in their zone; the second moves on.
      return d.mode === 'time_of_day' && zoneWake
        ? { target: next(node, 'out'), stay: sql`(case when s.due_at <= s.entered_at then ${zoneWake} end)` }
        : { target: next(node, 'out') };
    case 'tag': {
      const tag = node.data as Extract<PlanNode, { kind: 'tag' }>['data'];
      const owned = sql`(select t.id from tags t
        where t.workspace_id = ${workspaceId}::uuid and t.id = any(${uuidList(tag.tagIds)}))`;
      return {
        target: next(node, 'out'),
        effect:
          tag.action === 'add'
            ? sql`insert into contact_tags (workspace_id, contact_id, tag_id)
                select distinct ${workspaceId}::uuid, p.contact_id, t.id
                from page p cross join ${owned} t
                where not p.goal
                on conflict do nothing`
            : sql`delete from contact_tags ct using page p where ct.contact_id = p.contact_id and not p.goal
                and ct.tag_id in ${owned}`,
      };
    }
    case 'update_contact': {
      const set = (node.data as Extract<PlanNode, { kind: 'update_contact' }>['data']).set;
      return {
        target: next(node, 'out'),
        effect: sql`update contacts c set attributes = c.attributes || ${JSON.stringify(set)}::jsonb, updated_at = now()
          from (select distinct contact_id from page where not goal) p where c.id = p.contact_id`,
      };
    }
    default:
      // wait, exit and the rest: on to the next step.
      return { target: next(node, 'out') };
  }
}

/**
 * Moves one page of a flow step's due contacts in one statement: takes the page (rows another
 * attempt holds are skipped), applies the step's side effect, moves each row to its next step with
 * its arrival state — or keeps it with a wake-up time, or lets it leave at the goal — and moves the
 * step counters by exactly the rows that moved. A row moves only from this step, so a repeated page
 * moves nothing twice.
 */
export async function moveStepPage(db: HeraldDb, plan: Plan, page: StepPage, route: Route): Promise<StepResult> {
  const now = ts(page.now);
  const arrive = arrival(plan, sql`p.target`, page.now);
  const needsContact = route.stay !== undefined;
  const stay = route.stay ?? sql`null::timestamptz`;
  const [row] = rowsOf<StepResult>(
    await db.execute(sql`
    with page as (
      select s.ctid as tid, s.contact_id, s.entry_seq, s.goal_at is not null as goal, ${route.target} as target,
        case when s.goal_at is null then ${stay} end as stay_until
      from journey_states s ${needsContact ? withContact : sql``}
      where s.run_id = ${page.runId}::uuid and s.node_id = ${page.nodeId} and s.status = 'active' and s.due_at <= ${now}
        ${idRange(sql`s.contact_id`, page.cursor, page.until)}
      order by s.contact_id, s.entry_seq
      limit ${page.limit}
      for update of s skip locked),
    ${route.effect ? sql`effect as (${route.effect}),` : sql``}
    ${moveCtes(page, arrive, now)}
    select (select count(*) from page)::int as processed, (count(*) filter (where left_step))::int as moved,
      max(contact_id::text) as "lastId" from moved`),
  );
  return { processed: row?.processed ?? 0, moved: row?.moved ?? 0, lastId: row?.lastId ?? null };
}

/**
 * The move of `page(contact_id, entry_seq, goal, target, stay_until)` from the page's step, and its
 * counters: the step loses the rows that left, each target gains its arrivals (conversions are
 * counted where goal events are matched).
 */
function moveCtes(page: StepPage, arrive: ReturnType<typeof arrival>, now: SQL): SQL {
  const leaves = sql`(p.goal or p.stay_until is null)`;
  return sql`moved as (
      update journey_states s set
        node_id = case when p.goal or p.stay_until is not null or p.target is null then s.node_id else p.target end,
        status = case when p.goal then 'exited' when p.stay_until is not null then 'active' else ${arrive.status} end,
        visit = case when ${leaves} then nextval('journey_visit_seq') else s.visit end,
        entered_at = case when ${leaves} then ${now} else s.entered_at end,
        due_at = case when p.goal then null when p.stay_until is not null then p.stay_until else ${arrive.dueAt} end,
        awaiting = case when ${leaves} then ${arrive.awaiting} else s.awaiting end,
        event_at = case when ${leaves} then null else s.event_at end
      -- By the row's address: the page holds its rows locked, and the join cannot be planned as a scan
      -- of the run per page row whatever the statistics say (a run's rows are often a minute old).
      from page p
      where s.ctid = p.tid and s.node_id = ${page.nodeId} and s.status = 'active'
      returning s.contact_id, p.goal, p.target, ${leaves} as left_step, s.status),
    left_step as (
      update node_stats set waiting = greatest(waiting - (select count(*) from moved where left_step), 0)
      where journey_version_id = ${page.journeyVersionId}::uuid and node_id = ${page.nodeId}),
    arrived as (
      insert into node_stats (workspace_id, journey_version_id, node_id, entered, waiting)
      select ${page.workspaceId}::uuid, ${page.journeyVersionId}::uuid, target, count(*),
        count(*) filter (where status = 'active')
      from moved
      where left_step and not goal and target is not null
      group by target
      on conflict (journey_version_id, node_id) do update
        set entered = node_stats.entered + excluded.entered, waiting = node_stats.waiting + excluded.waiting)`;
}

/**
 * After a send page: moves on the contacts of the step whose message is recorded and settled (a
 * ledger row for this arrival whose batch is no longer waiting for the provider), within the page's
 * range. Contacts that reached the goal meanwhile leave instead.
 */
export async function moveSentPage(db: HeraldDb, plan: Plan, page: StepPage): Promise<StepResult> {
  const now = ts(page.now);
  const out = (plan.nodes[page.nodeId]?.next.out ?? null) as string | null;
  const arrive = arrival(plan, sql`p.target`, page.now);
  const [row] = rowsOf<StepResult>(
    await db.execute(sql`
    with page as (
      select s.ctid as tid, s.contact_id, s.entry_seq, s.goal_at is not null as goal, ${out}::text as target,
        null::timestamptz as stay_until
      from journey_states s
      -- One probe of the ledger's key per state row: fresh rows have no statistics, and a join planned
      -- from stale ones scanned the run's deliveries per row (18 s for a 2,500-contact page).
      cross join lateral (select d.status, d.batch_id from deliveries d
        where d.run_id = s.run_id and d.node_id = s.node_id and d.contact_id = s.contact_id
          and d.message_index = 0 and d.entry_seq = s.visit limit 1) d
      left join delivery_batches b on b.id = d.batch_id
      where s.run_id = ${page.runId}::uuid and s.node_id = ${page.nodeId} and s.status = 'active'
        ${idRange(sql`s.contact_id`, page.cursor, page.until)}
        and not (d.status = 'sent' and b.status = 'sending')
      for update of s skip locked),
    ${moveCtes(page, arrive, now)}
    select (select count(*) from page)::int as processed, count(*)::int as moved, max(contact_id::text) as "lastId"
    from moved`),
  );
  return { processed: row?.processed ?? 0, moved: row?.moved ?? 0, lastId: row?.lastId ?? null };
}

/**
 * Keeps the page's contacts who are inside the journey's quiet hours at the send step until those
 * hours end in their zone (`wakeByZone`: the end per zone, '' for contacts without a known zone).
 */
export async function deferQuietContacts(db: HeraldDb, page: StepPage, inQuiet: SQL, wake: SQL): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
    with quiet as (
      select s.ctid as tid, ${wake} as wake
      from journey_states s ${withContact}
      where s.run_id = ${page.runId}::uuid and s.node_id = ${page.nodeId} and s.status = 'active'
        and s.due_at <= ${ts(page.now)} and s.goal_at is null ${idRange(sql`s.contact_id`, page.cursor, page.until)}
        and ${inQuiet}
      for update of s skip locked),
    deferred as (update journey_states s set due_at = q.wake from quiet q where s.ctid = q.tid returning 1)
    select count(*)::int as n from deferred`),
  );
  return row?.n ?? 0;
}

/** The distinct time zones (as contacts hold them; '' for none) of a step's due contacts. */
export async function dueZones(db: HeraldDb, page: StepPage): Promise<string[]> {
  return rowsOf<{ zone: string }>(
    await db.execute(sql`
    select distinct coalesce(c.timezone, '') as zone
    from journey_states s ${withContact}
    where s.run_id = ${page.runId}::uuid and s.node_id = ${page.nodeId} and s.status = 'active'
      and s.due_at <= ${ts(page.now)} ${idRange(sql`s.contact_id`, page.cursor, page.until)}`),
  ).map((r) => r.zone);
}

/** A per-zone instant looked up for contact `c` (the '' entry for zones the map lacks), as SQL. */
export function byZone(instants: Record<string, string>): SQL {
  const map = sql`${JSON.stringify(instants)}::jsonb`;
  return sql`coalesce((${map} ->> coalesce(c.timezone, ''))::timestamptz, (${map} ->> '')::timestamptz)`;
}
