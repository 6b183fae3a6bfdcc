import { sql } from 'drizzle-orm';
import type { Audience, SegmentDefinition } from '@herald/engine';
import type { HeraldDb } from '../client';
import { rowsOf, setOfRows } from '../rows';
import { isUuid, uuidList } from '../sql-lists';
import { segmentSql } from './segment-sql';

/** A saved segment as the pages list it. */
export interface SegmentRow {
  id: string;
  name: string;
  definition: SegmentDefinition;
  updatedAt: string;
}

const columns = sql`id, name, definition, to_json(updated_at) #>> '{}' as "updatedAt"`;

/** The workspace's segments, by name. */
export async function listSegments(db: HeraldDb, workspaceId: string): Promise<SegmentRow[]> {
  return rowsOf<SegmentRow>(
    await db.execute(sql`select ${columns} from segments where workspace_id = ${workspaceId}::uuid order by name, id`),
  );
}

/** One segment of the workspace (undefined when it does not exist there). */
export async function segmentOf(db: HeraldDb, p: { workspaceId: string; id: string }): Promise<SegmentRow | undefined> {
  if (!isUuid(p.id)) return undefined;
  return rowsOf<SegmentRow>(
    await db.execute(
      sql`select ${columns} from segments where id = ${p.id}::uuid and workspace_id = ${p.workspaceId}::uuid`,
    ),
  )[0];
}

/** Saves a new segment. */
export async function createSegment(
  db: HeraldDb,
  p: { workspaceId: string; name: string; definition: SegmentDefinition },
): Promise<SegmentRow> {
  const [row] = rowsOf<SegmentRow>(
    await db.execute(sql`insert into segments (workspace_id, name, definition)
      values (${p.workspaceId}::uuid, ${p.name}, ${JSON.stringify(p.definition)}::jsonb) returning ${columns}`),
  );
  return row!;
}

/** Replaces a segment's name and rule (undefined when it does not exist in the workspace). */
export async function updateSegment(
  db: HeraldDb,
  p: { workspaceId: string; id: string; name: string; definition: SegmentDefinition },
): Promise<SegmentRow | undefined> {
  if (!isUuid(p.id)) return undefined;
  return rowsOf<SegmentRow>(
    await db.execute(sql`update segments set name = ${p.name}, definition = ${JSON.stringify(p.definition)}::jsonb,
      updated_at = now() where id = ${p.id}::uuid and workspace_id = ${p.workspaceId}::uuid returning ${columns}`),
  )[0];
}

/**
 * The journeys and broadcasts not archived whose drawing names a segment (its id appears in the draft:
 * an audience or a trigger) — a segment they use cannot be deleted. At most 5 names.
 */
export async function journeysUsingSegment(db: HeraldDb, p: { workspaceId: string; id: string }): Promise<string[]> {
  if (!isUuid(p.id)) return [];
  return rowsOf<{ name: string }>(
    await db.execute(sql`select name from journeys where workspace_id = ${p.workspaceId}::uuid and status <> 'archived'
      and strpos(draft_graph::text, ${p.id}) > 0 order by name limit 5`),
  ).map((r) => r.name);
}

/** Deletes a segment; whether it existed. */
export async function deleteSegment(db: HeraldDb, p: { workspaceId: string; id: string }): Promise<boolean> {
  if (!isUuid(p.id)) return false;
  const rows = rowsOf<{ id: string }>(
    await db.execute(
      sql`delete from segments where id = ${p.id}::uuid and workspace_id = ${p.workspaceId}::uuid returning id`,
    ),
  );
  return rows.length > 0;
}

/**
 * How many of the workspace's contacts a rule holds for now — the live count of the segment page
 * (a rule not saved yet counts too) and the benchmark's figure: one statement over the contacts.
 */
export async function countSegment(db: HeraldDb, p: { workspaceId: string; rule: SegmentDefinition }): Promise<number> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    await tx.execute(sql`select ${wholeSetSettings}`);
    const [row] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from contacts c
        where c.workspace_id = ${p.workspaceId}::uuid and ${segmentSql(p.rule, { now: sql`now()`, mode: 'set' })}`),
    );
    return row?.n ?? 0;
  });
}

/**
 * Plan settings (for one transaction) for a count over a whole workspace: hash joins, no nested loops,
 * no JIT. PostgreSQL keeps no statistics on an attribute inside the jsonb column, guesses 0.5% of
 * contacts match one, and probes the tags and events indexes once per contact it believed few: 2.4 s
 * for a million contacts where hashing each table once takes well under half (`./herald bench --only segment`).
 */
const wholeSetSettings = sql`set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true)`;

/**
 * An audience with a segment's current rule read into it (`rule`), so pages and counts select by
 * the rule as it is now; other audiences are returned as they are. A segment that no longer exists
 * leaves `rule` empty: the audience then holds nobody.
 */
export async function withSegmentRule(db: HeraldDb, workspaceId: string, audience: Audience): Promise<Audience> {
  if (audience.kind !== 'segment') return audience;
  const segment = await segmentOf(db, { workspaceId, id: audience.segmentId });
  return { kind: 'segment', segmentId: audience.segmentId, rule: segment?.definition };
}

/** Which of these segment ids exist in the workspace (publish refuses a journey that names another). */
export async function existingSegments(
  db: HeraldDb,
  workspaceId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const valid = ids.filter(isUuid);
  return setOfRows(
    db,
    valid,
    () => sql`select id from segments where workspace_id = ${workspaceId}::uuid and id = any(${uuidList(valid)})`,
    (r: { id: string }) => r.id,
  );
}

/** An event that may bring its contact into a segment: the contact, the event's stored id and time. */
export interface SegmentArrival {
  contactId: string;
  eventSeq: number;
  at: string;
}

/**
 * The arrivals that bring their contact into the segment: the rule holds counting the events up to
 * and including this one (judged at its time), and did not hold without it. Tags and attributes are
 * read as they are now. One statement for the batch; returns the event ids that enter.
 */
export async function enteringSegment(
  tx: HeraldDb,
  rule: SegmentDefinition,
  arrivals: readonly SegmentArrival[],
): Promise<Set<number>> {
  const input = JSON.stringify(arrivals.map((a) => ({ c: a.contactId, s: a.eventSeq, t: a.at })));
  const scope = (strict: boolean) => ({
    now: sql`x.t`,
    events: { upTo: sql`x.s`, strict },
    mode: 'one' as const,
  });
  return setOfRows(
    tx,
    arrivals,
    () => sql`
      select x.s from jsonb_to_recordset(${input}::jsonb) as x(c uuid, s bigint, t timestamptz)
        join contacts c on c.id = x.c
      where ${segmentSql(rule, scope(false))} and not ${segmentSql(rule, scope(true))}`,
    (r: { s: string | number }) => Number(r.s),
  );
}

/** The workspace's segments by id (what validation checks a journey's segments against). */
export async function segmentsById(
  db: HeraldDb,
  workspaceId: string,
): Promise<Record<string, { name: string; definition: SegmentDefinition }>> {
  return Object.fromEntries(
    (await listSegments(db, workspaceId)).map((s) => [s.id, { name: s.name, definition: s.definition }]),
  );
}
