import { and, desc, eq, sql } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { idInWorkspace, isWorkspaceRow, type WorkspaceRowKey } from '../workspace-row';
import { approvalRequests } from '../schema/access';
import { journeys } from '../schema/journeys';
import type { approvalKinds, approvalStatuses } from '../enums';

/** An approval request with the name of what it is about. */
export type ApprovalRecord = typeof approvalRequests.$inferSelect & { journeyName: string };
export type ApprovalStatus = (typeof approvalStatuses)[number];

/** A workspace's approval requests (those with a status, when given), newest first. */
export async function listApprovals(
  db: HeraldDb,
  p: { workspaceId: string; status?: ApprovalStatus; limit: number },
): Promise<ApprovalRecord[]> {
  const rows = await db
    .select({ request: approvalRequests, journeyName: journeys.name })
    .from(approvalRequests)
    .innerJoin(journeys, eq(journeys.id, approvalRequests.journeyId))
    .where(
      and(
        eq(approvalRequests.workspaceId, p.workspaceId),
        p.status ? eq(approvalRequests.status, p.status) : undefined,
      ),
    )
    .orderBy(desc(approvalRequests.createdAt))
    .limit(p.limit);
  return rows.map((r) => ({ ...r.request, journeyName: r.journeyName }));
}

/** One approval request of a workspace. */
export async function approvalOf(db: HeraldDb, p: WorkspaceRowKey): Promise<ApprovalRecord | undefined> {
  const [row] = await db
    .select({ request: approvalRequests, journeyName: journeys.name })
    .from(approvalRequests)
    .innerJoin(journeys, eq(journeys.id, approvalRequests.journeyId))
    .where(isWorkspaceRow(approvalRequests, p));
  return row ? { ...row.request, journeyName: row.journeyName } : undefined;
}

/** The pending request for a journey, if one waits (a second publish asks nothing new). */
export async function pendingApprovalFor(
  db: HeraldDb,
  p: { workspaceId: string; journeyId: string },
): Promise<string | undefined> {
  return idInWorkspace(
    db,
    approvalRequests,
    p.workspaceId,
    and(eq(approvalRequests.journeyId, p.journeyId), eq(approvalRequests.status, 'pending'))!,
  );
}

/** Records a request; returns its id. */
export async function insertApproval(
  db: HeraldDb,
  p: {
    workspaceId: string;
    kind: (typeof approvalKinds)[number];
    journeyId: string;
    broadcastId: string | null;
    graphHash: string;
    audience: number | null;
    requestedBy: string | null;
    requestedByKey: string | null;
    requesterName: string;
  },
): Promise<string> {
  const [row] = await db.insert(approvalRequests).values(p).returning({ id: approvalRequests.id });
  return row!.id;
}

/**
 * Decides a pending request: one conditional update, so of two admins deciding at once only one
 * does (the other gets false). `reopen` puts an approval back to pending when its publish failed.
 */
export async function decideApproval(
  db: HeraldDb,
  p: {
    workspaceId: string;
    id: string;
    status: 'approved' | 'rejected';
    decidedBy: string | null;
    deciderName: string;
    comment: string | null;
    now: Date;
  },
): Promise<boolean> {
  const rows = await db
    .update(approvalRequests)
    .set({
      status: p.status,
      decidedBy: p.decidedBy,
      deciderName: p.deciderName,
      comment: p.comment,
      decidedAt: p.now,
      updatedAt: p.now,
    })
    .where(
      and(
        eq(approvalRequests.workspaceId, p.workspaceId),
        eq(approvalRequests.id, p.id),
        eq(approvalRequests.status, 'pending'),
      ),
    )
    .returning({ id: approvalRequests.id });
  return rows.length === 1;
}

/** Puts an approved request back to pending (its publish failed: nothing was published). */
export async function reopenApproval(db: HeraldDb, p: { id: string }): Promise<void> {
  await db
    .update(approvalRequests)
    .set({
      status: 'pending',
      decidedBy: null,
      deciderName: null,
      decidedAt: null,
      comment: null,
      updatedAt: sql`now()`,
    })
    .where(eq(approvalRequests.id, p.id));
}

/** The sha256 of a journey's draft graph as PostgreSQL stores it (jsonb text): what an approval is about. */
export async function draftGraphHash(db: HeraldDb, p: { journeyId: string }): Promise<string | undefined> {
  const [row] = await db
    .select({ hash: sql<string>`encode(sha256(convert_to(${journeys.draftGraph}::text, 'UTF8')), 'hex')` })
    .from(journeys)
    .where(eq(journeys.id, p.journeyId));
  return row?.hash;
}
