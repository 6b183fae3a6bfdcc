import { and, eq, sql, broadcasts, channelAccounts, journeys, runs, type HeraldDb } from '@herald/db';
import { audienceSchema, messageSchema, methodIds, summarizeMessages, minScheduleLeadMs, type JourneyGraph } from '@herald/engine';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { HeraldError } from '../errors/herald-error';
import { publishJourney } from './publish.service';

export const broadcastInput = z.object({
  name: z.string().trim().min(1).max(200),
  channelAccountId: z.uuid(),
  method: z.enum(methodIds),
  type: z.enum(['contacts', 'group_chats']).default('contacts'),
  groupName: z.string().max(100).optional(),
  messages: z.array(messageSchema).min(1).max(10),
  audience: audienceSchema,
  sendType: z.enum(['immediate', 'timed']),
  sendAt: z.iso.datetime({ offset: true }).optional(),
  subject: z.string().max(200).optional(),
});
export type BroadcastInput = z.infer<typeof broadcastInput>;

/** The single-node journey behind a broadcast: a fixed audience → one send. */
export function broadcastGraph(input: BroadcastInput, channel: string): JourneyGraph {
  return {
    nodes: [
      { id: 'audience', kind: 'audience', position: { x: 0, y: 0 }, data: { audience: input.audience } },
      { id: 'send', kind: 'send', position: { x: 0, y: 160 }, data: { channelAccountId: input.channelAccountId, channel: channel as never, method: input.method, type: input.type, messages: input.messages, ...(input.groupName !== undefined ? { groupName: input.groupName } : {}) } },
    ],
    edges: [{ id: 'e-audience-send', source: 'audience', target: 'send' }],
    settings: { reentry: { mode: 'never' } },
  };
}

/**
 * Creates a broadcast: checks the send time, writes the single-node journey and the list record,
 * and publishes it (which validates and starts the run). A broadcast that fails validation leaves
 * nothing behind.
 */
export async function createBroadcast(deps: AppDeps, workspaceId: string, memberId: string | null, input: BroadcastInput, conversationContactId?: string): Promise<string> {
  const db: HeraldDb = deps.db;
  const now = deps.now?.() ?? new Date();
  const sendAt = input.sendType === 'timed' ? new Date(input.sendAt ?? '') : undefined;
  if (input.sendType === 'timed') {
    if (!input.sendAt) throw new HeraldError('HERALD_ERR_VALIDATION', 400, 'A timed broadcast needs a send time (sendAt).');
    if (sendAt!.getTime() - now.getTime() < minScheduleLeadMs) throw new HeraldError('HERALD_ERR_SEND_TIME_TOO_SOON', 400, 'A timed send must be at least 5 minutes ahead; pick a later time or send immediately.');
  }
  const [account] = await db.select({ kind: channelAccounts.kind }).from(channelAccounts).where(and(eq(channelAccounts.id, input.channelAccountId), eq(channelAccounts.workspaceId, workspaceId)));
  const kind = account?.kind;
  if (!kind) throw new HeraldError('HERALD_ERR_NOT_FOUND', 404, 'The channel account was not found.');
  const graph = broadcastGraph(input, kind);
  const [journey] = await db.insert(journeys).values({ workspaceId, name: input.name, kind: 'broadcast', draftGraph: graph, createdBy: memberId, updatedBy: memberId }).returning();
  const [record] = await db.insert(broadcasts).values({
    workspaceId, journeyId: journey!.id, name: input.name, contentSummary: summarizeMessages(input.messages), channelAccountId: input.channelAccountId,
    method: input.method, type: input.type, sendType: input.sendType, sendAt: sendAt ?? null, status: 'pending', conversationContactId: conversationContactId ?? null,
    createdBy: memberId, updatedBy: memberId,
  }).returning();
  try {
    await publishJourney(deps, workspaceId, journey!.id, memberId, { broadcastId: record!.id, ...(sendAt ? { sendAt } : {}) });
  } catch (error) {
    await db.delete(journeys).where(eq(journeys.id, journey!.id));
    throw error;
  }
  return record!.id;
}

/** The broadcast's newest run (the one its pages show). */
export async function currentRun(db: HeraldDb, broadcastId: string): Promise<typeof runs.$inferSelect | undefined> {
  const [run] = await db.select().from(runs).where(and(eq(runs.broadcastId, broadcastId))).orderBy(sql`${runs.createdAt} desc`).limit(1);
  return run;
}
