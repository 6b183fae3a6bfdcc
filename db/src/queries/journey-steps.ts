import { sql, type SQL } from 'drizzle-orm';
import { routeChainBudget, routingKinds, type Plan, type PlanNode } from '@herald/engine';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';
import { deliverySettledAtStep } from '../ledger';
import { idRange, timestamp as ts, uuidList, withContact } from '../sql-lists';
import { arrival } from './journey-arrival';
import { conditionSql, type OwnLedgerRow } from './journey-conditions';
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

/**
 * How a flow step routes a page's rows: the steps each row goes to, optionally a stay (with its
 * wake-up) and side effects.
 */
export interface Route {
  /**
   * Per row of `s` (journey_states) and `c` (contacts), the steps it goes through as a text[]: the
   * routing steps it passes at once (splits and random splits, decided in the same statement), then the
   * step it arrives at (a null element: the journey ends).
   */
  target: SQL;
  /** Rows that stay at the step, woken at this time (null: they move). */
  stay?: SQL;
  /** A data-modifying statement over `page(contact_id, target)`, run with the move (tags, contact fields). */
  effect?: SQL;
}

/** Where a journey's routes are decided: its ids, the workflow clock and, to chain routing steps, its plan. */
export interface RouteScope {
  workspaceId: string;
  journeyId: string;
  /** Given, a row that arrives at a split or random split is routed on at once (bounded by routeChainBudget). */
  plan?: Plan;
  /** The rows routed are ledger rows of this step (a ledger cohort's members): see OwnLedgerRow. */
  own?: OwnLedgerRow;
}

/**
 * The steps a row arriving at `id` goes through, as a text[]: `[id]`, or for a routing step (while the
 * budget lasts) `id` followed by its branch's own path.
 */
function pathTo(id: string | null, scope: RouteScope, now: Date, budget: { left: number }): SQL {
  const node = id === null ? undefined : scope.plan?.nodes[id];
  if (!node || !routingKinds.has(node.kind) || budget.left <= 0) return sql`array[${id}::text]`;
  budget.left -= 1;
  return sql`(array[${id}::text] || ${branchOf(node, scope, now, budget)})`;
}

/** The path a page row takes from `node`'s output (one step, or on through routing steps). */
export function pathFrom(node: PlanNode, output: string, scope: RouteScope, now: Date): SQL {
  return pathTo(node.next[output] ?? null, scope, now, { left: routeChainBudget });
}

/** A split's or random split's choice per row, each branch as its path (see pathTo). */
function branchOf(node: PlanNode, scope: RouteScope, now: Date, budget: { left: number }): SQL {
  const next = (output: string) => pathTo(node.next[output] ?? null, scope, now, budget);
  const holds = (condition: Parameters<typeof conditionSql>[0]) =>
    conditionSql(condition, sql`s.contact_id`, scope.workspaceId, now, sql`s.run_id`, scope.own);
  if (node.kind === 'random_split') {
    const branches = (node.data as Extract<PlanNode, { kind: 'random_split' }>['data']).branches;
    // A stable bucket 0–9999 per (contact, journey, step): a contact re-entering, or on a later
    // version, takes the same branch; another journey's split is independent of this one.
    const bucket = stableBucket(sql`s.contact_id`, `:${scope.journeyId}:${node.id}`);
    let upTo = 0;
    const whens = branches.slice(0, -1).map((b) => {
      upTo += Math.round(b.percent * 100);
      return sql`when ${bucket} < ${upTo} then ${next(b.id)}`;
    });
    return sql`(case ${sql.join(whens, sql` `)} else ${next(branches.at(-1)!.id)} end)`;
  }
  const split = node.data as Extract<PlanNode, { kind: 'split' }>['data'];
  if (split.mode === 'yes_no')
    return sql`(case when ${holds(split.condition)} then ${next('yes')} else ${next('no')} end)`;
  const whens = split.branches.map((b) => sql`when ${holds(b.condition)} then ${next(b.id)}`);
  return sql`(case ${sql.join(whens, sql` `)} else ${next('else')} end)`;
}

/**
 * How each flow step kind routes a page, in SQL: splits evaluate their conditions per row (the same
 * conditions a single contact was once checked for), a random split hashes the contact with the step
 * so a contact always takes the same branch, a wait for an event takes "event" when it came. With the
 * plan in `scope`, the routing steps a row reaches next are decided in the same statement.
 */
export function routeOf(node: PlanNode, scope: RouteScope, now: Date, zoneWake?: SQL): Route {
  const { workspaceId } = scope;
  const d = node.data as Record<string, unknown>;
  const next = (output: string) => pathFrom(node, output, scope, now);
  switch (node.kind) {
    case 'split':
    case 'random_split':
      return { target: branchOf(node, scope, now, { left: routeChainBudget }) };
    case 'wait_for_event':
      return {
        target: sql`(case when s.event_at is not null then ${next('event')} else ${next('timeout')} end)`,
      };
    case 'wait_until':
      // A time of day: the first look sets each contact's wake-up in their zone; the second moves on.
      return d.mode === 'time_of_day' && zoneWake
        ? { target: next('out'), stay: sql`(case when s.due_at <= s.entered_at then ${zoneWake} end)` }
        : { target: next('out') };
    case 'tag': {
      const tag = node.data as Extract<PlanNode, { kind: 'tag' }>['data'];
      const owned = sql`(select t.id from tags t
        where t.workspace_id = ${workspaceId}::uuid and t.id = any(${uuidList(tag.tagIds)}))`;
      return {
        target: next('out'),
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
        target: next('out'),
        effect: sql`update contacts c set attributes = c.attributes || ${JSON.stringify(set)}::jsonb, updated_at = now()
          from (select distinct contact_id from page where not goal) p where c.id = p.contact_id`,
      };
    }
    default:
      // wait, exit and the rest: on to the next step.
      return { target: next('out') };
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
    with page as (${withTarget(sql`
      select s.ctid as tid, s.contact_id, s.entry_seq, s.goal_at is not null as goal, ${route.target} as path,
        case when s.goal_at is null then ${stay} end as stay_until
      from journey_states s ${needsContact ? withContact : sql``}
      where s.run_id = ${page.runId}::uuid and s.node_id = ${page.nodeId} and s.status = 'active' and s.due_at <= ${now}
        ${idRange(sql`s.contact_id`, page.cursor, page.until)}
      order by s.contact_id, s.entry_seq
      limit ${page.limit}
      for update of s skip locked`)}),
    ${route.effect ? sql`effect as (${route.effect}),` : sql``}
    ${moveCtes(page, arrive, now)}
    select (select count(*) from page)::int as processed, (count(*) filter (where left_step))::int as moved,
      max(contact_id::text) as "lastId" from moved`),
  );
  return { processed: row?.processed ?? 0, moved: row?.moved ?? 0, lastId: row?.lastId ?? null };
}

/** A page's rows (`path` as routeOf's target) with the step each one arrives at, `target` (its path's last). */
const withTarget = (rows: SQL) => sql`select q.*, q.path[cardinality(q.path)] as target from (${rows}) q`;

/**
 * The move of `page(contact_id, entry_seq, goal, path, target, stay_until)` from the page's step, and
 * its counters: the step loses the rows that left, each step of a row's path gains its arrival — the
 * routing steps it passed as entered only, its target as entered and waiting while active (conversions
 * are counted where goal events are matched). One insert counts them all: a step may be passed by some
 * rows and the target of others.
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
      returning s.contact_id, p.goal, p.path, p.target, ${leaves} as left_step, s.status),
    left_step as (
      update node_stats set waiting = greatest(waiting - (select count(*) from moved where left_step), 0)
      where journey_version_id = ${page.journeyVersionId}::uuid and node_id = ${page.nodeId}),
    arrived as (
      insert into node_stats (workspace_id, journey_version_id, node_id, entered, waiting)
      select ${page.workspaceId}::uuid, ${page.journeyVersionId}::uuid, a.node_id, sum(g.n),
        coalesce(sum(g.n) filter (where a.waits), 0)
      -- Rows grouped by path first (a page's rows take a few paths): unnesting each row's path cost 64 ms of a
      -- 10,000-row page's 533 (auto_explain, the batch journey benchmark's wait step).
      from (select m.path, m.status = 'active' as active, count(*) as n from moved m
        where m.left_step and not m.goal group by m.path, m.status = 'active') g
      cross join lateral unnest(g.path, array_fill(false, array[cardinality(g.path) - 1]) || g.active) a(node_id, waits)
      where a.node_id is not null
      group by a.node_id
      on conflict (journey_version_id, node_id) do update
        set entered = node_stats.entered + excluded.entered, waiting = node_stats.waiting + excluded.waiting)`;
}

/**
 * After a send page: moves on the contacts of the step whose message is recorded and settled (a
 * ledger row for this arrival whose batch is no longer waiting for the provider), within the page's
 * range. Contacts that reached the goal meanwhile leave instead, and so do those at the goal whose
 * message was never recorded (held at the send), who would otherwise stay there for good.
 */
export async function moveSentPage(db: HeraldDb, plan: Plan, page: StepPage): Promise<StepResult> {
  const now = ts(page.now);
  const node = plan.nodes[page.nodeId];
  const scope = { workspaceId: page.workspaceId, journeyId: plan.journeyId, plan };
  const path = node ? pathFrom(node, 'out', scope, page.now) : sql`array[null::text]`;
  const arrive = arrival(plan, sql`p.target`, page.now);
  const [row] = rowsOf<StepResult>(
    await db.execute(sql`
    with page as (${withTarget(sql`
      select s.ctid as tid, s.contact_id, s.entry_seq, s.goal_at is not null as goal, ${path} as path,
        null::timestamptz as stay_until
      from journey_states s
      -- One probe of the ledger's key per state row: fresh rows have no statistics, and a join planned
      -- from stale ones scanned the run's deliveries per row (18 s for a 2,500-contact page).
      left join lateral (select true as recorded, d.status, d.batch_id from deliveries d
        where d.run_id = s.run_id and d.node_id = s.node_id and d.contact_id = s.contact_id
          and d.message_index = 0 and d.entry_seq = s.visit limit 1) d on true
      where s.run_id = ${page.runId}::uuid and s.node_id = ${page.nodeId} and s.status = 'active'
        ${idRange(sql`s.contact_id`, page.cursor, page.until)}
        -- Recorded and settled; or never recorded and at the goal (a send page takes no goal rows: a
        -- contact held at the send, by quiet hours or an employee's rate, leaves without the message).
        and case when d.recorded then ${deliverySettledAtStep(page.runId, page.nodeId)} else s.goal_at is not null end
      for update of s skip locked`)}),
    ${moveCtes(page, arrive, now)}
    select (select count(*) from page)::int as processed, count(*)::int as moved, max(contact_id::text) as "lastId"
    from moved`),
  );
  return { processed: row?.processed ?? 0, moved: row?.moved ?? 0, lastId: row?.lastId ?? null };
}
