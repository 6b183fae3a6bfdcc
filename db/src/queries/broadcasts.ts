import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { HeraldDb } from '../client';
import { columnsOf } from '../public-columns';
import { updateRow } from '../rows';
import { firstRow, isWorkspaceRow, type WorkspaceRowKey } from '../workspace-row';
import { broadcasts, journeys, journeyVersions, runs, type broadcastStatuses } from '../schema/journeys';
import { members } from '../schema/workspaces';
import { changeJourney } from './journeys';

export type BroadcastStatus = (typeof broadcastStatuses)[number];

/** The members who created and last edited a broadcast (joined by its reads). */
export const broadcastCreator = alias(members, 'creator');
export const broadcastEditor = alias(members, 'editor');
const creator = broadcastCreator;
const editor = broadcastEditor;

/** A broadcast as its list shows it: the record, with its creator's and last editor's names. */
export const broadcastColumns = {
  ...columnsOf(broadcasts, [
    'id',
    'name',
    'contentSummary',
    'method',
    'type',
    'sendType',
    'sendAt',
    'localTime',
    'status',
    'conversationContactId',
    'createdAt',
    'updatedAt',
  ]),
  createdByName: creator.name,
  updatedByName: editor.name,
  // The newest run's audience and how many of it the platform took (Total and Completed).
  total: sql<
    number | null
  >`(select r.total from runs r where r.broadcast_id = ${broadcasts.id} order by r.created_at desc limit 1)`,
  completed: sql<
    number | null
  >`(select r.sent from runs r where r.broadcast_id = ${broadcasts.id} order by r.created_at desc limit 1)`,
};

/** A broadcast's row as its pages show it: the list's columns and its journey. */
const recordColumns = { ...broadcastColumns, journeyId: broadcasts.journeyId };

/** A broadcast record with its creator's and last editor's names. */
export type BroadcastRecord = {
  id: string;
  journeyId: string;
  name: string;
  contentSummary: string;
  method: string;
  type: (typeof broadcasts.$inferSelect)['type'];
  sendType: (typeof broadcasts.$inferSelect)['sendType'];
  sendAt: Date | null;
  /** A local-time send's time of day in each contact's zone (HH:MM). */
  localTime: string | null;
  status: BroadcastStatus;
  conversationContactId: string | null;
  createdByName: string | null;
  createdAt: Date;
  updatedByName: string | null;
  updatedAt: Date;
  /** The newest run's audience (null before a run). */
  total: number | null;
  /** How many of it the platform took (null before a run). */
  completed: number | null;
};

const records = (db: HeraldDb) =>
  db
    .select(recordColumns)
    .from(broadcasts)
    .leftJoin(creator, eq(creator.id, broadcasts.createdBy))
    .leftJoin(editor, eq(editor.id, broadcasts.updatedBy));

/** A workspace's broadcast (undefined when it is another workspace's, or none). */
export async function broadcastOf(db: HeraldDb, p: WorkspaceRowKey): Promise<BroadcastRecord | undefined> {
  return firstRow(records(db).where(isWorkspaceRow(broadcasts, p)));
}

/** The scheduled messages of one conversation (broadcasts to that contact), by send time, optionally of one status. */
export async function conversationBroadcasts(
  db: HeraldDb,
  p: { workspaceId: string; contactId: string; status?: BroadcastStatus | undefined; limit: number },
): Promise<BroadcastRecord[]> {
  return records(db)
    .where(
      and(
        eq(broadcasts.workspaceId, p.workspaceId),
        eq(broadcasts.conversationContactId, p.contactId),
        p.status ? eq(broadcasts.status, p.status) : undefined,
      ),
    )
    .orderBy(sql`${broadcasts.sendAt} asc nulls last`, asc(broadcasts.id))
    .limit(p.limit);
}

/** A broadcast's newest run (the one its pages show). */
export async function currentRunOf(
  db: HeraldDb,
  p: { broadcastId: string },
): Promise<typeof runs.$inferSelect | undefined> {
  const [run] = await db
    .select()
    .from(runs)
    .where(eq(runs.broadcastId, p.broadcastId))
    .orderBy(desc(runs.createdAt))
    .limit(1);
  return run;
}

/** A new broadcast: its single-node journey (a draft graph) and its list record. */
export interface NewBroadcast {
  workspaceId: string;
  name: string;
  graph: unknown;
  contentSummary: string;
  channelAccountId: string;
  method: string;
  type: BroadcastRecord['type'];
  sendType: BroadcastRecord['sendType'];
  sendAt: Date | null;
  localTime?: string | null;
  conversationContactId: string | null;
  memberId: string | null;
}

/** What a broadcast's content sets on its record, written and rewritten alike (pending unless a draft). */
function contentOf(
  p: Pick<NewBroadcast, 'name' | 'contentSummary' | 'sendType' | 'sendAt' | 'localTime' | 'memberId'> & {
    status?: 'pending' | 'draft';
  },
) {
  const { name, contentSummary, sendType, sendAt } = p;
  return {
    name,
    contentSummary,
    sendType,
    sendAt,
    localTime: p.localTime ?? null,
    status: p.status ?? 'pending',
    updatedBy: p.memberId,
  };
}

/** Writes a broadcast's journey and record (status pending, or draft); returns both ids. */
export async function insertBroadcast(
  db: HeraldDb,
  p: NewBroadcast & { status?: 'pending' | 'draft' },
): Promise<{ id: string; journeyId: string }> {
  const [journey] = await db
    .insert(journeys)
    .values({
      workspaceId: p.workspaceId,
      name: p.name,
      kind: 'broadcast',
      draftGraph: p.graph,
      createdBy: p.memberId,
      updatedBy: p.memberId,
    })
    .returning({ id: journeys.id });
  const [record] = await db
    .insert(broadcasts)
    .values({
      workspaceId: p.workspaceId,
      journeyId: journey!.id,
      ...contentOf(p),
      channelAccountId: p.channelAccountId,
      method: p.method,
      type: p.type,
      conversationContactId: p.conversationContactId,
      createdBy: p.memberId,
    })
    .returning({ id: broadcasts.id });
  return { id: record!.id, journeyId: journey!.id };
}

/**
 * Deletes a journey with what hangs on it (a broadcast that could not be published leaves nothing): its
 * runs' states, which have no keys to cascade by (see journey-states.ts), and the rest by its keys.
 */
export async function deleteJourney(db: HeraldDb, p: { id: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from journey_states s using runs r, journey_versions v
      where s.run_id = r.id and r.journey_version_id = v.id and v.journey_id = ${p.id}::uuid`);
    await tx.delete(journeys).where(eq(journeys.id, p.id));
  });
}

/** Sets a broadcast's status, saying who changed it. */
export async function setBroadcastStatus(
  db: HeraldDb,
  p: { id: string; status: BroadcastStatus; memberId: string | null },
): Promise<void> {
  await updateRow(db, broadcasts, p.id, { status: p.status, updatedBy: p.memberId });
}

/** The draft graph of a journey (a draft broadcast's content). */
export async function draftGraphOf(db: HeraldDb, p: { journeyId: string }): Promise<unknown> {
  const [row] = await db.select({ graph: journeys.draftGraph }).from(journeys).where(eq(journeys.id, p.journeyId));
  return row?.graph;
}

/** The graph of a journey's published version (undefined before it is published). */
export async function publishedGraphOf(db: HeraldDb, p: { journeyId: string }): Promise<unknown> {
  const [row] = await db
    .select({ graph: journeyVersions.graph })
    .from(journeys)
    .innerJoin(journeyVersions, eq(journeyVersions.id, journeys.currentVersionId))
    .where(eq(journeys.id, p.journeyId));
  return row?.graph;
}

/** New content of a pending (or draft) broadcast: its journey's draft and its record, in one transaction. */
export async function updateBroadcastContent(
  db: HeraldDb,
  p: {
    id: string;
    journeyId: string;
    name: string;
    graph: unknown;
    contentSummary: string;
    sendType: BroadcastRecord['sendType'];
    sendAt: Date | null;
    localTime?: string | null;
    memberId: string | null;
    /** What it is after the change: pending (published again), or still a draft. */
    status?: 'pending' | 'draft';
  },
): Promise<void> {
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as HeraldDb;
    const at = new Date();
    await changeJourney(tx, { id: p.journeyId, memberId: p.memberId, at }, { name: p.name, draftGraph: p.graph });
    await tx
      .update(broadcasts)
      .set({ ...contentOf(p), updatedAt: at })
      .where(eq(broadcasts.id, p.id));
  });
}

/** Cancels a run that has not started sending; false when it already had (it is left as it is). */
export async function cancelPendingRun(db: HeraldDb, p: { runId: string }): Promise<boolean> {
  const at = new Date();
  const [stopped] = await db
    .update(runs)
    .set({ status: 'canceled', finishedAt: at, updatedAt: at })
    .where(and(eq(runs.id, p.runId), eq(runs.status, 'pending')))
    .returning({ id: runs.id });
  return stopped !== undefined;
}
