import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { rowsOf } from '../rows';
import { textList } from '../sql-lists';
import type { VariantFigure } from '../schema/experiments';
import { deliveredStatuses, readStatuses, sentStatuses, statusIn } from './delivery-statuses';
import { journeyRunIds } from './journey-report';

/** What a variant was sent as, for its rate: sent, or handed to an employee (as the run's counters count it). */
const handedOutStatuses = [...sentStatuses, 'pending_employee'] as const;

/** A 48-bit seed of a salt (its SHA-256), so each experiment and step hashes contacts independently. */
const seedOf = (salt: string): string =>
  BigInt(`0x${createHash('sha256').update(salt).digest('hex').slice(0, 12)}`).toString();

/**
 * A stable bucket 0–9999 of (contact, salt): the same contact lands in the same bucket in every run and
 * version. PostgreSQL's own extended hash of the uuid with a seed (what hash partitioning uses, stable
 * across restarts and upgrades of a major version): an md5 of the id's text cost about a tenth of the
 * ledger's rate on a busy machine, this costs next to nothing. Variants, test shares and holdouts split on it.
 */
export const contactBucket = (contact: SQL, salt: string): SQL =>
  sql`((uuid_hash_extended(${contact}::uuid, ${sql.raw(seedOf(salt))}) % 10000 + 10000) % 10000)`;

/** How a page's rows get their variant: split by the step's shares, or all the one winner. */
export type VariantChoice =
  { journeyId: string; nodeId: string; variants: ReadonlyArray<{ id: string; share: number }> } | { winner: string };

/** The variants a choice can give (one batch each). */
export const variantIds = (choice: VariantChoice): string[] =>
  'winner' in choice ? [choice.winner] : choice.variants.map((v) => v.id);

/** The hash bucket a choice splits on, of a contact id column (null for a fixed winner). */
export const variantBucket = (choice: VariantChoice, contact: SQL): SQL =>
  'winner' in choice ? sql`null::bigint` : contactBucket(contact, `:${choice.journeyId}:${choice.nodeId}:variant`);

/**
 * Which variant a contact gets at a send step, as its 1-based place in `variantIds(choice)`, from its
 * bucket (`variantBucket`: a stable hash of contact, journey and step) against the variants'
 * cumulative shares in hundredths of a percent — the same variant on a retry, in another run, and in
 * every version that keeps the step.
 */
export function variantIndexOf(choice: VariantChoice, b: SQL): SQL {
  if ('winner' in choice) return sql`1`;
  let upTo = 0;
  const cases = choice.variants.slice(0, -1).map((v, i) => {
    upTo += Math.round(v.share * 100);
    return sql`when ${b} < ${upTo} then ${sql.raw(String(i + 1))}`;
  });
  return sql`(case ${sql.join(cases, sql` `)} else ${sql.raw(String(choice.variants.length))} end)`;
}

/** The variant a contact gets at a send step, by id (see `variantIndexOf`). */
export function variantOf(choice: VariantChoice, b: SQL): SQL {
  return sql`(${textList(variantIds(choice))})[${variantIndexOf(choice, b)}]`;
}

/**
 * Whether a contact is in an experiment's test share (a stable hash of contact, journey and step,
 * independent of the variant's): the test phase sends to these, the winner goes to the others.
 */
export function inTestShare(at: { journeyId: string; nodeId: string }, percent: number, contact: SQL): SQL {
  return sql`(${contactBucket(contact, `:${at.journeyId}:${at.nodeId}:test`)} < ${Math.round(percent * 100)})`;
}

/** One variant of a step as the report shows it: sends, and how many were delivered, read, replied to, converted. */
export interface VariantStatsRow {
  nodeId: string;
  variant: string;
  sent: number;
  /** Sent, or handed to the owning employee (WeCom) who has not sent it on yet: what a decision weighs. */
  handedOut: number;
  delivered: number;
  read: number;
  replied: number;
  converted: number;
}

/**
 * Every variant of the send steps of some runs (a condition on `d.run_id`): sends that went out (and
 * those handed to employees still to send them on) and what became of them; conversions are those
 * attributed to the step (the last message before the goal).
 */
export async function variantStats(db: HeraldDb, runs: SQL, nodeId?: string): Promise<VariantStatsRow[]> {
  return rowsOf<VariantStatsRow>(
    await db.execute(sql`
    select d.node_id as "nodeId", d.variant,
      (count(*) filter (where ${statusIn(sql`d.status`, sentStatuses)}))::int as sent,
      count(*)::int as "handedOut",
      (count(*) filter (where ${statusIn(sql`d.status`, deliveredStatuses)}))::int as delivered,
      (count(*) filter (where ${statusIn(sql`d.status`, readStatuses)}))::int as read,
      (count(*) filter (where d.status = 'replied'))::int as replied,
      (count(*) filter (where exists (select 1 from conversions c
        where c.run_id = d.run_id and c.contact_id = d.contact_id and c.node_id = d.node_id and not c.held_out)))::int
        as converted
    from deliveries d
    where d.run_id in ${runs} and d.variant is not null and ${statusIn(sql`d.status`, handedOutStatuses)}
      ${nodeId ? sql`and d.node_id = ${nodeId}` : sql``}
    group by d.node_id, d.variant
    order by d.node_id, d.variant`),
  );
}

/** The winner of a step's experiment in a run, once decided. */
export interface ExperimentDecisionRow {
  runId: string;
  nodeId: string;
  winner: string;
  metric: string;
  pValue: number | null;
  confidence: number | null;
  significant: boolean;
  figures: VariantFigure[];
  decidedAt: string;
}

const decisionColumns = sql`run_id as "runId", node_id as "nodeId", winner, metric, p_value as "pValue", confidence,
  significant, figures, to_char(decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "decidedAt"`;

/**
 * Records a step's decision once: a second call (a retried activity) keeps the first and returns it,
 * so the rest of the audience always gets the winner that was recorded.
 */
export async function recordDecision(
  db: HeraldDb,
  d: Omit<ExperimentDecisionRow, 'decidedAt'> & { workspaceId: string; decidedAt: Date },
): Promise<ExperimentDecisionRow> {
  await db.execute(sql`
    insert into experiment_decisions (workspace_id, run_id, node_id, winner, metric, p_value, confidence, significant,
      figures, decided_at)
    values (${d.workspaceId}::uuid, ${d.runId}::uuid, ${d.nodeId}, ${d.winner}, ${d.metric}, ${d.pValue},
      ${d.confidence}, ${d.significant}, ${JSON.stringify(d.figures)}::jsonb, ${d.decidedAt.toISOString()}::timestamptz)
    on conflict (run_id, node_id) do nothing`);
  return (await decisionsOf(db, sql`(${d.runId}::uuid)`)).find((r) => r.nodeId === d.nodeId)!;
}

/** The decisions of some runs (a list of run ids in parentheses, or a subquery). */
export async function decisionsOf(db: HeraldDb, runs: SQL): Promise<ExperimentDecisionRow[]> {
  return rowsOf<ExperimentDecisionRow>(
    await db.execute(
      sql`select ${decisionColumns} from experiment_decisions where run_id in ${runs} order by decided_at`,
    ),
  );
}

/** Every variant's figures and every decision over all the runs of a journey (a broadcast has one). */
export async function journeyVariants(
  db: HeraldDb,
  journeyId: string,
): Promise<{ stats: VariantStatsRow[]; decisions: ExperimentDecisionRow[] }> {
  const runs = journeyRunIds(journeyId);
  const [stats, decisions] = await Promise.all([variantStats(db, runs), decisionsOf(db, runs)]);
  return { stats, decisions };
}
