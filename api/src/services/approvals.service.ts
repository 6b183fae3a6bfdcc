import {
  approvalOf,
  broadcastOf,
  countAudience,
  decideApproval,
  draftGraphHash,
  insertApproval,
  pendingApprovalFor,
  reopenApproval,
  setBroadcastStatus,
  workspaceSettingsOf,
  type ApprovalRecord,
  type HeraldDb,
} from '@herald/db';
import type { Audience } from '@herald/engine';
import type { AppDeps } from '../deps';
import { HeraldError, invalidState, notFound } from '../errors/herald-error';
import type { Caller } from '../plugins/auth.plugin';
import { roleAtLeast, workspacePolicies, type ApprovalItem, type WorkspacePolicies } from '../contracts/index';
import { publishJourney } from './publish.service';

/** A workspace's policies with their defaults: no approvals, the audit trail kept a year. */
export const defaultPolicies: WorkspacePolicies = {
  approvals: { journeys: false, broadcastsAbove: null },
  auditRetentionDays: 365,
};

/** The workspace's approval rules and audit retention, read fresh. */
export async function loadPolicies(db: HeraldDb, workspaceId: string): Promise<WorkspacePolicies> {
  const settings = await workspaceSettingsOf(db, { id: workspaceId });
  const parsed = workspacePolicies.safeParse({ ...defaultPolicies, ...settings });
  return parsed.success
    ? { approvals: parsed.data.approvals, auditRetentionDays: parsed.data.auditRetentionDays }
    : defaultPolicies;
}

/** What a publish is of, for the approval rule. */
type Subject = { kind: 'journey' } | { kind: 'broadcast'; audience: Audience; channelAccountId: string };

/**
 * Where a publish stops for approval: a caller below admin, in a workspace whose rule asks for it
 * (every journey, or broadcasts to more than N contacts). A held publish records one request (a
 * second publish of the same journey while one waits asks nothing new) and starts nothing.
 */
export interface PublishGate {
  /**
   * Holds a journey's publish when the rule asks for it: the request's id, or null to publish now.
   * `check` runs before a request is recorded (it throws to refuse what could not be published).
   */
  holdJourney(journeyId: string, check: () => void): Promise<string | null>;
  /** Holds a broadcast (marked awaiting approval) when the rule asks for it; true when held. */
  holdBroadcast(
    send: { audience: Audience; channelAccountId: string },
    ids: { journeyId: string; broadcastId: string },
  ): Promise<boolean>;
}

/** The gate for one caller. */
export function publishGate(deps: AppDeps, caller: Caller): PublishGate {
  const audienceOf = async (subject: Subject): Promise<number | null | false> => {
    if (roleAtLeast(caller.role, 'admin')) return false;
    const { approvals } = await loadPolicies(deps.db, caller.workspaceId);
    if (subject.kind === 'journey') return approvals.journeys ? null : false;
    if (approvals.broadcastsAbove === null) return false;
    const count = await countAudience(deps.db, {
      workspaceId: caller.workspaceId,
      audience: subject.audience,
      identityKind: null,
      channelAccountId: subject.channelAccountId,
    });
    return count > approvals.broadcastsAbove ? count : false;
  };
  const request = async (
    kind: 'journey' | 'broadcast',
    journeyId: string,
    broadcastId: string | null,
    audience: number | null,
  ) => {
    const waiting = await pendingApprovalFor(deps.db, { workspaceId: caller.workspaceId, journeyId });
    if (waiting) return waiting;
    return insertApproval(deps.db, {
      workspaceId: caller.workspaceId,
      kind,
      journeyId,
      broadcastId,
      graphHash: (await draftGraphHash(deps.db, { journeyId })) ?? '',
      audience,
      requestedBy: caller.memberId,
      requestedByKey: caller.keyId,
      requesterName: caller.name,
    });
  };
  return {
    async holdJourney(journeyId, check) {
      if ((await audienceOf({ kind: 'journey' })) === false) return null;
      check();
      return request('journey', journeyId, null, null);
    },
    async holdBroadcast(send, ids) {
      const audience = await audienceOf({ kind: 'broadcast', ...send });
      if (audience === false) return false;
      await request('broadcast', ids.journeyId, ids.broadcastId, audience);
      await setBroadcastStatus(deps.db, {
        id: ids.broadcastId,
        status: 'awaiting_approval',
        memberId: caller.memberId,
      });
      return true;
    },
  };
}

/** A request as the API shows it. */
export function toApprovalItem(r: ApprovalRecord): ApprovalItem {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    journeyId: r.journeyId,
    broadcastId: r.broadcastId,
    name: r.journeyName,
    audience: r.audience,
    requestedBy: r.requesterName,
    requestedAt: r.createdAt.toISOString(),
    decidedBy: r.deciderName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    comment: r.comment,
  };
}

async function pending(db: HeraldDb, workspaceId: string, id: string): Promise<ApprovalRecord> {
  const row = await approvalOf(db, { workspaceId, id });
  if (!row) throw notFound('The approval request');
  if (row.status !== 'pending') throw HeraldError.of('HERALD_ERR_APPROVAL_DECIDED', { status: row.status });
  return row;
}

/** Records the caller's decision; 409 when another decider was first (of two at once, one decides). */
async function decide(
  db: HeraldDb,
  caller: Caller,
  p: { id: string; comment: string | null; now: Date; status: 'approved' | 'rejected' },
): Promise<void> {
  const decided = { ...p, workspaceId: caller.workspaceId, decidedBy: caller.memberId, deciderName: caller.name };
  if (!(await decideApproval(db, decided))) throw HeraldError.of('HERALD_ERR_APPROVAL_DECIDED', { status: 'decided' });
}

/**
 * Approves a request and publishes what it asked for, with the one publish function (the request's
 * author as publisher). Only the draft that was asked about is published: a journey changed since
 * is refused (409). Of two admins approving at once one publishes; a publish that fails puts the
 * request back to pending and publishes nothing.
 */
export async function approveRequest(
  deps: AppDeps,
  caller: Caller,
  id: string,
  comment: string | null,
): Promise<ApprovalRecord> {
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  const row = await pending(db, caller.workspaceId, id);
  if ((await draftGraphHash(db, { journeyId: row.journeyId })) !== row.graphHash)
    throw HeraldError.of('HERALD_ERR_APPROVAL_OUTDATED', {});
  const broadcast = row.broadcastId
    ? await broadcastOf(db, { workspaceId: caller.workspaceId, id: row.broadcastId })
    : undefined;
  if (row.broadcastId && broadcast?.status !== 'awaiting_approval')
    throw invalidState(
      `This broadcast is ${broadcast?.status.replace('_', ' ') ?? 'gone'}: there is nothing to approve.`,
    );
  await decide(db, caller, { id, comment, now, status: 'approved' });
  // Pending before its run starts (the run moves it on from there).
  const setStatus = (status: 'pending' | 'awaiting_approval') =>
    row.broadcastId ? setBroadcastStatus(db, { id: row.broadcastId, status, memberId: caller.memberId }) : undefined;
  await setStatus('pending');
  try {
    const sendAt = broadcast?.sendType === 'timed' && broadcast.sendAt ? broadcast.sendAt : undefined;
    await publishJourney(deps, caller.workspaceId, row.journeyId, row.requestedBy, {
      ...(row.broadcastId ? { broadcastId: row.broadcastId } : {}),
      ...(sendAt ? { sendAt } : {}),
    });
  } catch (error) {
    await reopenApproval(db, { id });
    await setStatus('awaiting_approval');
    throw error;
  }
  return (await approvalOf(db, { workspaceId: caller.workspaceId, id }))!;
}

/** Rejects a request with a comment: nothing is published, a held broadcast becomes rejected. */
export async function rejectRequest(
  deps: AppDeps,
  caller: Caller,
  id: string,
  comment: string,
): Promise<ApprovalRecord> {
  const { db } = deps;
  if (!comment.trim()) throw HeraldError.of('HERALD_ERR_COMMENT_REQUIRED', {});
  const row = await pending(db, caller.workspaceId, id);
  const now = deps.now?.() ?? new Date();
  await decide(db, caller, { id, comment, now, status: 'rejected' });
  if (row.broadcastId)
    await setBroadcastStatus(db, { id: row.broadcastId, status: 'rejected', memberId: caller.memberId });
  return (await approvalOf(db, { workspaceId: caller.workspaceId, id }))!;
}
