import { and, desc, eq, ne } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { firstRow, isWorkspaceRow, type WorkspaceRowKey } from '../workspace-row';
import { nodeStats } from '../schema/entries';
import { journeyVersions, journeys, type journeyStatuses } from '../schema/journeys';
import { members } from '../schema/workspaces';

// A journey as its pages read and change it (broadcasts are journeys too: these read only kind 'journey').

/** A journey row. */
export type JourneyRow = typeof journeys.$inferSelect;
export type JourneyStatus = (typeof journeyStatuses)[number];

/** A workspace's journey (not a broadcast's); undefined when it is another workspace's, or none. */
export async function journeyOf(db: HeraldDb, p: WorkspaceRowKey): Promise<JourneyRow | undefined> {
  return firstRow(
    db
      .select()
      .from(journeys)
      .where(and(isWorkspaceRow(journeys, p), eq(journeys.kind, 'journey'))),
  );
}

/** A workspace's journeys that are not archived, most recently changed first (at most `limit`). */
export async function listJourneys(db: HeraldDb, p: { workspaceId: string; limit: number }): Promise<JourneyRow[]> {
  return db
    .select()
    .from(journeys)
    .where(and(eq(journeys.workspaceId, p.workspaceId), eq(journeys.kind, 'journey'), ne(journeys.status, 'archived')))
    .orderBy(desc(journeys.updatedAt))
    .limit(p.limit);
}

/** Creates a journey with its draft graph; returns its id. */
export async function insertJourney(
  db: HeraldDb,
  p: { workspaceId: string; name: string; graph: unknown; memberId: string | null },
): Promise<string> {
  const [row] = await db
    .insert(journeys)
    .values({
      workspaceId: p.workspaceId,
      name: p.name,
      draftGraph: p.graph,
      createdBy: p.memberId,
      updatedBy: p.memberId,
    })
    .returning({ id: journeys.id });
  return row!.id;
}

/** Changes a journey's fields, saying who did (`memberId`) and when (`at`, now unless given). */
export async function changeJourney(
  db: HeraldDb,
  p: { id: string; memberId: string | null; at?: Date },
  set: Partial<Pick<typeof journeys.$inferInsert, 'name' | 'draftGraph' | 'status'>>,
): Promise<void> {
  await db
    .update(journeys)
    .set({ ...set, updatedBy: p.memberId, updatedAt: p.at ?? new Date() })
    .where(eq(journeys.id, p.id));
}

/** Saves a journey's draft graph (and its name when given). */
export async function saveJourneyDraft(
  db: HeraldDb,
  p: { id: string; graph: unknown; name?: string | undefined; memberId: string | null },
): Promise<void> {
  await changeJourney(db, p, { draftGraph: p.graph, ...(p.name ? { name: p.name } : {}) });
}

/** Renames a journey, saying who did. */
export async function renameJourney(
  db: HeraldDb,
  p: { id: string; name: string; memberId: string | null },
): Promise<void> {
  await changeJourney(db, p, { name: p.name });
}

/** Sets a journey's status, saying who changed it. */
export async function setJourneyStatus(
  db: HeraldDb,
  p: { id: string; status: JourneyStatus; memberId: string | null },
): Promise<void> {
  await changeJourney(db, p, { status: p.status });
}

/** A published version of a journey, with who published it. */
export interface JourneyVersionRow {
  id: string;
  version: number;
  publishedAt: Date;
  publishedBy: { id: string; name: string } | null;
}

/** A journey's published versions, newest first. */
export async function journeyVersionsOf(db: HeraldDb, p: { journeyId: string }): Promise<JourneyVersionRow[]> {
  const rows = await db
    .select({
      id: journeyVersions.id,
      version: journeyVersions.version,
      publishedAt: journeyVersions.publishedAt,
      memberId: members.id,
      memberName: members.name,
    })
    .from(journeyVersions)
    .leftJoin(members, eq(members.id, journeyVersions.publishedBy))
    .where(eq(journeyVersions.journeyId, p.journeyId))
    .orderBy(desc(journeyVersions.version));
  return rows.map(({ memberId, memberName, ...v }) => ({
    ...v,
    publishedBy: memberId ? { id: memberId, name: memberName ?? '' } : null,
  }));
}

/** The step counters of a journey version, by step id. */
export async function nodeStatsOf(
  db: HeraldDb,
  p: { journeyVersionId: string },
): Promise<Array<typeof nodeStats.$inferSelect>> {
  return db.select().from(nodeStats).where(eq(nodeStats.journeyVersionId, p.journeyVersionId));
}
