import { sql, type SQL } from 'drizzle-orm';
import { type HeraldDb } from '../client';
import { rowsOf } from '../rows';
import { idRange } from '../sql-lists';

/** A per-member rate in force now: its window (as the account's zone counts it) and when the next one starts. */
export interface MemberRate {
  key: string;
  limit: number;
  start: Date;
  next: Date;
}

/** A page row that goes out, with the member (employee) its app messages go to. */
export interface PacedRow {
  id: number;
  employee: string;
}

const ts = (t: Date) => t.toISOString();

/**
 * Reserves each member's share of `rows` within every rate (`units` app messages per row), in two
 * statements for the whole page, and returns the rows that do not fit with when the window that
 * stops them ends. Rows are granted in the page's order; the quota rows (one per member and
 * window, in `quota_usage`) are locked in a fixed order, so concurrent pages see each other's grants.
 */
export async function paceMembers(
  tx: HeraldDb,
  p: { workspaceId: string; rows: readonly PacedRow[]; units: number; rates: readonly MemberRate[] },
): Promise<Array<{ id: number; wake: Date }>> {
  if (p.rows.length === 0 || p.rates.length === 0) return [];
  const rows = sql`${JSON.stringify(p.rows.map((r, i) => ({ id: r.id, employee: r.employee, ord: i })))}::jsonb`;
  const rates = sql`(select * from jsonb_to_recordset(${JSON.stringify(
    p.rates.map((r) => ({ key: r.key, lim: r.limit, start: ts(r.start), next: ts(r.next) })),
  )}::jsonb) as x(key text, lim int, start timestamptz, next timestamptz))`;
  const members = sql`(select distinct employee from jsonb_to_recordset(${rows}) as x(employee text))`;
  await tx.execute(sql`
    insert into quota_usage (workspace_id, policy, subject, window_start, count, "limit")
    select ${p.workspaceId}::uuid, r.key, m.employee, r.start, 0, r.lim from ${members} m cross join ${rates} r
    order by m.employee, r.key
    on conflict do nothing`);
  const held = rowsOf<{ id: string | number; wake: string | Date }>(
    await tx.execute(sql`
    with r as (select * from jsonb_to_recordset(${rows}) as x(id bigint, employee text, ord int)),
    w as (select employee, count(*)::int as n from r group by employee),
    p as ${rates},
    q as (select u.subject, u.policy, u.count from quota_usage u
      where u.workspace_id = ${p.workspaceId}::uuid and u.subject in (select employee from w)
        and (u.policy, u.window_start) in (select key, start from p)
      order by u.subject, u.policy for update),
    g as (select w.employee, least(w.n, min(greatest(p.lim - q.count, 0) / ${p.units}::int))::int as k
      from w join q on q.subject = w.employee join p on p.key = q.policy group by w.employee, w.n),
    used as (update quota_usage u set count = u.count + g.k * ${p.units}::int, "limit" = p.lim from g, p
      where u.workspace_id = ${p.workspaceId}::uuid and u.subject = g.employee and u.policy = p.key
        and u.window_start = p.start and g.k > 0),
    -- A member's rows that do not fit wait for the latest end among the windows they filled.
    wake as (select g.employee, max(p.next) as at from g join q on q.subject = g.employee join p on p.key = q.policy
      where q.count + (g.k + 1) * ${p.units}::int > p.lim group by g.employee),
    ranked as (select r.id, r.employee, row_number() over (partition by r.employee order by r.ord) as rank from r)
    select x.id, wake.at as wake from ranked x join g on g.employee = x.employee join wake on wake.employee = x.employee
    where x.rank > g.k order by x.id`),
  );
  return held.map((h) => ({ id: Number(h.id), wake: new Date(h.wake) }));
}

/**
 * Where held rows wait: the run's send step, as a journey step's arrivals (`states`) or a batch run's
 * audience entering it.
 */
export interface HoldPlace {
  workspaceId: string;
  runId: string;
  journeyVersionId: string;
  nodeId: string;
  now: Date;
  /**
   * The page was the step's due contacts (they wait where they are), else a batch run's audience
   * entering its first send.
   */
  states: boolean;
}

/**
 * Takes rows a rate held back out of the page's ledger (one statement, in the page's transaction:
 * nobody ever sees them written) and keeps their contacts at the send step until `wake`: a contact
 * already there is due again then; an audience contact enters the step, waiting (counted so).
 * Its send is decided afresh when it is due, every rule again. Returns how many wait.
 */
export async function holdForNextWindow(
  tx: HeraldDb,
  place: HoldPlace,
  held: ReadonlyArray<{ id: number; wake: Date }>,
): Promise<number> {
  if (held.length === 0) return 0;
  const list = sql`${JSON.stringify(held.map((h) => ({ id: h.id, wake: ts(h.wake) })))}::jsonb`;
  const wait: SQL = place.states
    ? sql`waiting as (update journey_states s set due_at = g.wake from gone g
        where s.run_id = ${place.runId}::uuid and s.contact_id = g.contact_id and s.visit = g.entry_seq
          and s.node_id = ${place.nodeId} and s.status = 'active' returning 1)`
    : sql`waiting as (insert into journey_states
          (workspace_id, run_id, contact_id, entry_seq, journey_version_id, node_id, status,
           entered_at, joined_at, due_at)
        select ${place.workspaceId}::uuid, ${place.runId}::uuid, g.contact_id, 0, ${place.journeyVersionId}::uuid,
          ${place.nodeId}, 'active', ${ts(place.now)}::timestamptz, ${ts(place.now)}::timestamptz, g.wake from gone g
        on conflict do nothing returning 1),
      counted as (insert into node_stats (workspace_id, journey_version_id, node_id, entered, waiting)
        select ${place.workspaceId}::uuid, ${place.journeyVersionId}::uuid, ${place.nodeId}, 0, count(*)
        from waiting having count(*) > 0
        on conflict (journey_version_id, node_id) do update set waiting = node_stats.waiting + excluded.waiting)`;
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`
    with h as (select * from jsonb_to_recordset(${list}) as x(id bigint, wake timestamptz)),
    gone as (delete from deliveries d using h where d.id = h.id returning d.contact_id, d.entry_seq, h.wake),
    ${wait}
    select count(*)::int as n from waiting`),
  );
  return row?.n ?? 0;
}

/**
 * Contacts `c` of a batch run's audience already in the run (waiting at its first send, or past it):
 * a page enters them once.
 */
export function alreadyInRun(runId: string): SQL {
  return sql`exists (select 1 from journey_states s
    where s.run_id = ${runId}::uuid and s.contact_id = c.id and s.entry_seq = 0)`;
}

/**
 * The contacts of a batch run's audience range waiting at its first send for their employee's rate,
 * in id order (a retried page counts them as read: they have no ledger row yet).
 */
export async function waitingAtStep(
  db: HeraldDb,
  p: { runId: string; nodeId: string; cursor: string | null; until: string | null; limit: number },
): Promise<string[]> {
  return rowsOf<{ id: string }>(
    await db.execute(sql`
    select s.contact_id::text as id from journey_states s
    where s.run_id = ${p.runId}::uuid and s.entry_seq = 0 and s.node_id = ${p.nodeId} and s.status = 'active'
      ${idRange(sql`s.contact_id`, p.cursor, p.until)}
    order by s.contact_id limit ${p.limit}`),
  ).map((r) => r.id);
}
