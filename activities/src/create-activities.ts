import { ApplicationFailure } from '@temporalio/common';
import {
  and,
  audienceBoundaries,
  contactDeliveryOutcome,
  countAudience,
  eq,
  evaluateCondition,
  recordVisit,
  recountRun,
  sql,
  runs,
  broadcasts,
  contactTags,
  contacts,
  tags,
  withSegmentRule,
} from '@herald/db';
import { callsAreScarce, type Audience, type NodeOf, type Plan, type SendData } from '@herald/engine';
import type { HeraldActivities } from '@herald/engine/workflows';
import { identityKindFor, loadAccount, postWebhook } from '@herald/channels';
import type { ActivityDeps } from './deps';
import { deliver } from './send/deliver';
import { heartbeating } from './send/heartbeating';
import { engineActivities } from './engine/engine-activities';
import { planOf } from './engine/run-context';
import { collectGroupMessageResults } from './send/group-results';

function sendNode(plan: Plan, nodeId: string): SendData {
  const node = plan.nodes[nodeId];
  if (!node || node.kind !== 'send')
    throw ApplicationFailure.nonRetryable(`node ${nodeId} is not a send node`, 'HERALD_ERR_PLAN_INVALID');
  return node.data as SendData;
}

/** The journey a send belongs to, with its own frequency cap (journey settings). */
const journeyOf = (plan: Plan) => ({ id: plan.journeyId, frequencyCap: plan.settings.frequencyCap });

/** The audience of a batch send: the node's own, else the trigger's. */
function batchAudience(plan: Plan, send: SendData): Audience {
  const trigger = plan.trigger.data as { audience?: Audience };
  const audience = send.audience ?? trigger.audience;
  if (!audience)
    throw ApplicationFailure.nonRetryable('a batch send needs an audience', 'HERALD_ERR_AUDIENCE_REQUIRED');
  return audience;
}

const broadcastStatus = {
  running: 'in_progress',
  paused: 'paused',
  completed: 'completed',
  canceled: 'canceled',
  failed: 'failed',
} as const;

/** Herald's activities, built from their dependencies (the worker passes real ones). */
export function createActivities(deps: ActivityDeps): HeraldActivities {
  const { db } = deps;
  return {
    ...engineActivities(deps),
    async beginRun({ runId, now }) {
      const [run] = await db.select().from(runs).where(eq(runs.id, runId));
      if (!run) throw ApplicationFailure.nonRetryable(`run ${runId} does not exist`, 'HERALD_ERR_NOT_FOUND');
      const plan = await planOf(deps, run.journeyVersionId);
      const sendId = Object.values(plan.nodes).find((n) => n.kind === 'send')?.id;
      let total = 0;
      if (sendId) {
        const send = sendNode(plan, sendId);
        const { config } = await loadAccount(deps, run.workspaceId, send.channelAccountId);
        total = await countAudience(db, {
          workspaceId: run.workspaceId,
          audience: await withSegmentRule(db, run.workspaceId, batchAudience(plan, send)),
          identityKind: identityKindFor(config.kind),
          channelAccountId: config.id,
        });
      }
      await db
        .update(runs)
        .set({ status: 'running', total, startedAt: new Date(now), updatedAt: new Date() })
        .where(eq(runs.id, runId));
      if (run.broadcastId)
        await db
          .update(broadcasts)
          .set({ status: 'in_progress', updatedAt: new Date() })
          .where(eq(broadcasts.id, run.broadcastId));
      return { total };
    },

    async planBroadcastRanges(input) {
      const plan = await planOf(deps, input.journeyVersionId);
      const send = sendNode(plan, input.nodeId);
      const { config } = await loadAccount(deps, input.workspaceId, send.channelAccountId);
      return audienceBoundaries(db, {
        workspaceId: input.workspaceId,
        audience: batchAudience(plan, send),
        identityKind: identityKindFor(config.kind),
        channelAccountId: config.id,
        cursor: input.after,
        pageSize: input.pageSize,
        maxRanges: input.maxRanges,
        exact: callsAreScarce(send.method),
      });
    },

    sendBroadcastPage: (input) =>
      heartbeating(async () => {
        const plan = await planOf(deps, input.journeyVersionId);
        const send = sendNode(plan, input.nodeId);
        const result = await deliver(deps, {
          workspaceId: input.workspaceId,
          runId: input.runId,
          journeyVersionId: input.journeyVersionId,
          nodeId: input.nodeId,
          entrySeq: 0,
          send,
          page: {
            audience: batchAudience(plan, send),
            cursor: input.cursor,
            until: input.until ?? null,
            limit: input.pageSize,
          },
          now: new Date(input.now),
          journey: journeyOf(plan),
        });
        const { page, processed, lastId } = result;
        return {
          processed,
          sent: page.sent,
          failed: page.failed,
          skipped: page.skipped,
          nextCursor: processed < input.pageSize || lastId === null || lastId === input.until ? null : lastId,
        };
      }),

    async setRunStatus({ runId, status, now }) {
      const finished = status === 'completed' || status === 'canceled' || status === 'failed';
      const [run] = await db
        .update(runs)
        .set({ status, updatedAt: new Date(), ...(finished ? { finishedAt: new Date(now) } : {}) })
        .where(eq(runs.id, runId))
        .returning();
      let final: keyof typeof broadcastStatus = status;
      if (finished) {
        // Exact counters from the ledger at the end (the live ones are already exact; this guards against drift).
        // Handed to an employee counts as sent; declined or expired by the employee as failed.
        const [counts] = await recountRun(db, { runId });
        // A run whose every send failed (nothing went out, something failed) failed.
        if (status === 'completed' && counts && counts.sent === 0 && counts.failed > 0) {
          final = 'failed';
          await db.update(runs).set({ status: 'failed' }).where(eq(runs.id, runId));
        }
      }
      if (run?.broadcastId)
        await db
          .update(broadcasts)
          .set({ status: broadcastStatus[final], updatedAt: new Date() })
          .where(eq(broadcasts.id, run.broadcastId));
    },

    async loadPlan({ journeyVersionId }) {
      return planOf(deps, journeyVersionId);
    },

    async recordVisit({ workspaceId, journeyVersionId, nodeId, status }) {
      const entered = status === 'entered' ? 1 : 0;
      const waiting = status === 'waiting' ? 1 : status === 'left' ? -1 : 0;
      await recordVisit(db, { workspaceId, journeyVersionId, nodeId, entered, waiting });
    },

    async sendToContact(input) {
      const plan = await planOf(deps, input.journeyVersionId);
      const send = sendNode(plan, input.nodeId);
      const { processed } = await deliver(deps, {
        ...input,
        entrySeq: input.entrySeq,
        send,
        page: { audience: { kind: 'contacts', contactIds: [input.contactId] }, cursor: null, until: null, limit: 1 },
        now: new Date(input.now),
        journey: journeyOf(plan),
      });
      if (processed === 0) return { status: 'skipped', reason: 'no_identity' };
      const row = await contactDeliveryOutcome(db, input);
      const status = row?.status === 'failed' ? 'failed' : row?.status === 'skipped' ? 'skipped' : 'sent';
      return row?.skip_reason ? { status, reason: row.skip_reason } : { status };
    },

    async collectGroupMessageResults(input) {
      return collectGroupMessageResults(deps, input);
    },

    async evaluateCondition({ workspaceId, contactId, condition, now }) {
      return evaluateCondition(db, workspaceId, contactId, condition, new Date(now));
    },

    async runAction(input) {
      const plan = await planOf(deps, input.journeyVersionId);
      const node = plan.nodes[input.nodeId];
      if (!node) throw ApplicationFailure.nonRetryable(`no node ${input.nodeId}`, 'HERALD_ERR_PLAN_INVALID');
      if (node.kind === 'tag') {
        const data = node.data as NodeOf<'tag'>['data'];
        const owned = await db.select({ id: tags.id }).from(tags).where(eq(tags.workspaceId, input.workspaceId));
        const tagIds = data.tagIds.filter((id) => owned.some((t) => t.id === id));
        if (data.action === 'add') {
          if (tagIds.length > 0)
            await db
              .insert(contactTags)
              .values(tagIds.map((tagId) => ({ workspaceId: input.workspaceId, contactId: input.contactId, tagId })))
              .onConflictDoNothing();
        } else {
          for (const tagId of tagIds)
            await db
              .delete(contactTags)
              .where(and(eq(contactTags.contactId, input.contactId), eq(contactTags.tagId, tagId)));
        }
      } else if (node.kind === 'update_contact') {
        const data = node.data as NodeOf<'update_contact'>['data'];
        await db
          .update(contacts)
          .set({ attributes: sql`${contacts.attributes} || ${JSON.stringify(data.set)}::jsonb`, updatedAt: new Date() })
          .where(and(eq(contacts.id, input.contactId), eq(contacts.workspaceId, input.workspaceId)));
      } else if (node.kind === 'webhook') {
        const data = node.data as NodeOf<'webhook'>['data'];
        await postWebhook(
          {
            method: 'webhook_post',
            account: {
              id: 'node',
              kind: 'webhook',
              baseUrl: data.url,
              settings: { url: data.url },
              credentials: { secret: deps.secretKey.toString('hex') },
            },
            recipients: [],
            messages: [{ type: 'text', text: data.body }],
            dedupKey: `${input.runId}:${input.nodeId}:${input.entrySeq}`,
          },
          { key: input.contactId, address: input.contactId },
          input.now,
        );
      }
    },
  };
}
