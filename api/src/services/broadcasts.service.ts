import {
  broadcastOf,
  accountsById,
  segmentsById,
  currentRunOf,
  deleteJourney,
  draftGraphOf,
  insertBroadcast,
  publishedGraphOf,
  setBroadcastStatus,
  type BroadcastRecord,
  type HeraldDb,
  type runs,
} from '@herald/db';
import {
  attachmentOf,
  minScheduleLeadMs,
  validateJourneyInput,
  maxScheduleAheadMs,
  type JourneyGraph,
  type MethodId,
} from '@herald/engine';
import type { AppDeps } from '../deps';
import { cannotTransition, HeraldError, notFound } from '../errors/herald-error';
import type { BroadcastInput, BroadcastItem } from '../contracts/index';
import { unusableMaterials } from './materials.service';
import { releaseBroadcast, storedContent } from './broadcast-release.service';
import type { PublishGate } from './approvals.service';
import { signalRun } from './workflows.service';
import { checkChatNumbers, normalizeBroadcast } from './broadcast-recipients.service';

/** The wait step of a local-time broadcast: until the time of day in each contact's own zone. */
export const localTimeNodeId = 'local-time';

/**
 * The journey behind a broadcast: a fixed audience → one send (with its variants and winner, if
 * any); a local-time send waits before it until the time of day in each contact's zone.
 */
export function broadcastGraph(input: BroadcastInput, channel: string): JourneyGraph {
  const local = input.sendType === 'local_time';
  const send = {
    id: 'send',
    kind: 'send' as const,
    position: { x: 0, y: local ? 320 : 160 },
    data: {
      channelAccountId: input.channelAccountId,
      channel: channel as never,
      method: input.method,
      type: input.type,
      messages: input.messages,
      ...(input.groupName !== undefined ? { groupName: input.groupName } : {}),
      ...(input.variants ? { variants: input.variants } : {}),
      ...(input.winner ? { winner: input.winner } : {}),
    },
  };
  const audience = {
    id: 'audience',
    kind: 'audience' as const,
    position: { x: 0, y: 0 },
    data: { audience: input.audience },
  };
  if (!local)
    return {
      nodes: [audience, send],
      edges: [{ id: 'e-audience-send', source: 'audience', target: 'send' }],
      settings: { reentry: { mode: 'never' } },
    };
  return {
    nodes: [
      audience,
      {
        id: localTimeNodeId,
        kind: 'wait_until',
        position: { x: 0, y: 160 },
        data: { mode: 'time_of_day', time: input.localTime ?? '', timezone: 'contact' },
      },
      send,
    ],
    edges: [
      { id: 'e-audience-wait', source: 'audience', target: localTimeNodeId },
      { id: 'e-wait-send', source: localTimeNodeId, target: 'send' },
    ],
    settings: { reentry: { mode: 'never' } },
  };
}

/** The send time of a timed send, refused unless at least 5 minutes ahead (422, as the engine's rule). */
export function checkSendTime(
  input: Pick<BroadcastInput, 'sendType' | 'sendAt' | 'localTime'>,
  now: Date,
): Date | undefined {
  if (input.sendType === 'local_time' && !input.localTime)
    throw HeraldError.of('HERALD_ERR_VALIDATION', {
      what: 'The broadcast',
      problem: "a local-time send needs the time of day in each contact's zone (localTime)",
    });
  // A local-time send may start on a later day (its sendAt); each contact then waits for their time.
  if (input.sendType === 'immediate' || (input.sendType === 'local_time' && !input.sendAt)) return undefined;
  if (!input.sendAt)
    throw HeraldError.of('HERALD_ERR_VALIDATION', {
      what: 'The broadcast',
      problem: 'a timed send needs a send time (sendAt)',
    });
  const sendAt = new Date(input.sendAt);
  if (sendAt.getTime() - now.getTime() < minScheduleLeadMs) throw HeraldError.of('HERALD_ERR_SEND_TIME_TOO_SOON', {});
  if (sendAt.getTime() - now.getTime() > maxScheduleAheadMs) throw HeraldError.of('HERALD_ERR_SEND_TIME_TOO_FAR', {});
  return sendAt;
}

/**
 * Everything a broadcast is checked for before anything is written: the send time, the channel
 * account (this workspace's), the engine's rules on the graph (422 with the issue list, as
 * publishing would answer) and the materials its messages attach (this workspace's; for a
 * WeChat account, added there as permanent materials).
 */
export async function prepareBroadcast(
  deps: AppDeps,
  workspaceId: string,
  input: BroadcastInput,
): Promise<{ graph: JourneyGraph; sendAt: Date | undefined }> {
  const now = deps.now?.() ?? new Date();
  const sendAt = checkSendTime(input, now);
  if (input.audience.kind === 'chat_numbers') checkChatNumbers(input.audience.numbers);
  const accounts = await accountsById(deps.db, workspaceId);
  const kind = accounts[input.channelAccountId]?.kind;
  if (!kind) throw notFound('The channel account');
  const graph = broadcastGraph(input, kind);
  // With the workspace's accounts: a disabled one is refused here as at publishing.
  const segments = await segmentsById(deps.db, workspaceId);
  const errors = validateJourneyInput(graph, { now, accounts, segments }).issues.filter((i) => i.severity === 'error');
  if (errors.length > 0)
    throw HeraldError.of('HERALD_ERR_JOURNEY_INVALID', { what: 'broadcast', count: errors.length }, { issues: errors });
  const attached = input.messages
    .map(attachmentOf)
    .filter((a): a is NonNullable<ReturnType<typeof attachmentOf>> => a !== undefined)
    .map((a) => a.materialId);
  const wechat = kind === 'wechat_service' || kind === 'wechat_subscription';
  const missing = await unusableMaterials(deps.db, workspaceId, attached, wechat ? input.channelAccountId : undefined);
  if (missing.length > 0) {
    const why = wechat
      ? 'is not a material of this workspace added to this WeChat account (upload it with channelAccountId)'
      : 'is not a material of this workspace';
    throw HeraldError.of('HERALD_ERR_MATERIAL_NOT_FOUND', { ids: missing.join(', '), why }, { materialIds: missing });
  }
  return { graph, sendAt };
}

/**
 * Creates a broadcast: checks the send time, writes the single-node journey and the list record,
 * and publishes it (which validates and starts the run) — or, when the `gate` holds it for an
 * admin's approval, leaves it awaiting approval; as a draft (a copy), it stays unpublished until it is
 * sent. A broadcast that fails validation leaves nothing behind.
 */
export async function createBroadcast(
  deps: AppDeps,
  workspaceId: string,
  memberId: string | null,
  raw: BroadcastInput,
  conversationContactId?: string,
  gate?: PublishGate,
  options: { draft?: boolean } = {},
): Promise<string> {
  const db: HeraldDb = deps.db;
  const input = normalizeBroadcast(raw);
  const { graph, sendAt } = await prepareBroadcast(deps, workspaceId, input);
  const created = await insertBroadcast(db, {
    workspaceId,
    ...storedContent(input, { graph, sendAt }),
    channelAccountId: input.channelAccountId,
    method: input.method,
    type: input.type,
    conversationContactId: conversationContactId ?? null,
    memberId,
    status: options.draft ? 'draft' : 'pending',
  });
  if (options.draft) return created.id;
  try {
    const ids = { journeyId: created.journeyId, broadcastId: created.id };
    await releaseBroadcast(deps, workspaceId, memberId, ids, input, sendAt, gate);
  } catch (error) {
    await deleteJourney(db, { id: created.journeyId });
    throw error;
  }
  return created.id;
}

/** The broadcast's newest run (the one its pages show). */
export async function currentRun(db: HeraldDb, broadcastId: string): Promise<typeof runs.$inferSelect | undefined> {
  return currentRunOf(db, { broadcastId });
}

/** A broadcast's record with its creator's and editor's names; 404 when it is not this workspace's. */
export async function loadBroadcastRow(db: HeraldDb, workspaceId: string, id: string): Promise<BroadcastRecord> {
  const row = await broadcastOf(db, { workspaceId, id });
  if (!row) throw notFound('The broadcast');
  return row;
}

/**
 * The send step's settings and the audience of a broadcast: its published version's, or a draft's
 * own (undefined when it has neither).
 */
export async function publishedContent(
  db: HeraldDb,
  journeyId: string,
): Promise<{ send: Record<string, unknown>; audience: unknown; localTime?: string } | undefined> {
  const graph = ((await publishedGraphOf(db, { journeyId })) ?? (await draftGraphOf(db, { journeyId }))) as
    { nodes?: Array<{ kind: string; data: Record<string, unknown> }> } | undefined;
  const send = graph?.nodes?.find((n) => n.kind === 'send')?.data;
  const audience = graph?.nodes?.find((n) => n.kind === 'audience')?.data.audience;
  const localTime = graph?.nodes?.find((n) => n.kind === 'wait_until')?.data.time as string | undefined;
  return send && audience ? { send, audience, ...(localTime ? { localTime } : {}) } : undefined;
}

/** A broadcast record as the list shows it (the list query's rows have the same columns, bar the journey). */
export function toBroadcastItem(r: Omit<BroadcastRecord, 'journeyId'>): BroadcastItem {
  return {
    id: r.id,
    name: r.name,
    content: r.contentSummary,
    // The column holds the method id the broadcast was created with (checked by broadcastInput).
    method: r.method as MethodId,
    type: r.type,
    sendType: r.sendType,
    sendAt: r.sendAt?.toISOString() ?? null,
    localTime: r.localTime,
    status: r.status,
    createdBy: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    updatedBy: r.updatedByName,
    updatedAt: r.updatedAt.toISOString(),
    conversationContactId: r.conversationContactId,
    total: r.total === null ? null : Number(r.total),
    completed: r.completed === null ? null : Number(r.completed),
  };
}

const transitions = {
  pause: ['in_progress', 'pending'],
  resume: ['paused'],
  cancel: ['draft', 'pending', 'in_progress', 'paused'],
} as const;

/** Pauses, resumes or cancels a broadcast (signals its run's workflow); 409 when its status does not allow it. */
export async function transitionBroadcast(
  deps: AppDeps,
  workspaceId: string,
  memberId: string | null,
  id: string,
  action: keyof typeof transitions,
): Promise<void> {
  const row = await loadBroadcastRow(deps.db, workspaceId, id);
  if (!(transitions[action] as readonly string[]).includes(row.status))
    throw cannotTransition(row.status, 'broadcast', action);
  const run = await currentRun(deps.db, id);
  if (run) await signalRun(deps, run, action);
  // A run that has not begun (a timed broadcast before its time) is pending again once resumed.
  const status =
    action === 'resume' && (!run || run.status === 'pending')
      ? 'pending'
      : ({ pause: 'paused', resume: 'in_progress', cancel: 'canceled' } as const)[action];
  await setBroadcastStatus(deps.db, { id, status, memberId });
}
