import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { broadcastStats, listBroadcasts, runEmployeesWhoSent, runStatusCounts } from '@herald/db';
import { audienceSchema, messageSchema, variantSchema, winnerSchema } from '@herald/engine';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { serve } from './contract-route';
import { broadcastRoutes as contract } from '../contracts/index';
import {
  createBroadcast,
  currentRun,
  loadBroadcastRow,
  publishedContent,
  toBroadcastItem as toItem,
  transitionBroadcast,
} from '../services/broadcasts.service';
import { copyBroadcast, sendDraft } from '../services/broadcast-copy.service';
import { editBroadcast } from '../services/broadcast-edit.service';
import { publishGate, type PublishGate } from '../services/approvals.service';

/** A service that changes a broadcast (`id`) as a member, and returns the id of a new one where it makes one. */
type Change<B> = (
  deps: AppDeps,
  workspaceId: string,
  memberId: string | null,
  id: string,
  body: B,
  gate: PublishGate,
) => Promise<string | void>;

/** /api/broadcasts: single-node journeys with their own list and detail pages. */
export const broadcastRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const load = (workspaceId: string, id: string) => loadBroadcastRow(db, workspaceId, id);
  /**
   * Makes a change to the broadcast of the route's id as the caller (their workspace's approval rule
   * applied), and answers the broadcast it leads to: a copy's, or the one changed.
   */
  const changed = async <B>(request: FastifyRequest & { params: { id: string }; body: B }, change: Change<B>) => {
    const caller = requireCaller(request);
    const gate = publishGate(deps, caller);
    const id = await change(deps, caller.workspaceId, caller.memberId, request.params.id, request.body, gate);
    return toItem(await load(caller.workspaceId, id ?? request.params.id));
  };

  serve(app, contract.create, { permission: 'write', tag: 'broadcasts' }, async (request, reply) => {
    const caller = requireCaller(request);
    const id = await createBroadcast(
      deps,
      caller.workspaceId,
      caller.memberId,
      request.body,
      undefined,
      publishGate(deps, caller),
    );
    return reply.status(201).send(toItem(await load(caller.workspaceId, id)));
  });

  serve(app, contract.list, { permission: 'read', tag: 'broadcasts' }, async (request) => {
    const caller = requireCaller(request);
    const { rows, total } = await listBroadcasts(db, { workspaceId: caller.workspaceId, ...request.query });
    return { items: rows.map(toItem), total };
  });

  serve(app, contract.get, { permission: 'read', tag: 'broadcasts' }, async (request) => {
    const caller = requireCaller(request);
    const row = await load(caller.workspaceId, request.params.id);
    const run = await currentRun(db, request.params.id);
    const counts = run ? await runStatusCounts(db, { runId: run.id }) : [];
    const employees = run ? await runEmployeesWhoSent(db, { runId: run.id }) : { asked: 0, sent: 0 };
    const stats = { ...broadcastStats(counts, run?.total ?? 0, row.status === 'completed'), employees };
    const content = await publishedContent(db, row.journeyId);
    const send = content?.send ?? {};
    const messages = z.array(messageSchema).safeParse(send.messages);
    const audience = audienceSchema.safeParse(content?.audience);
    const variants = z.array(variantSchema).safeParse(send.variants);
    const winner = winnerSchema.safeParse(send.winner);
    // In progress only because employees have not confirmed yet: say so.
    const waitingFor =
      row.status !== 'in_progress'
        ? null
        : stats.rateLimited > 0
          ? `Waiting for WeCom's limit on app messages to each employee: ${stats.rateLimited} recipient(s) go out ` +
            "when their employee's next minute or hour opens."
          : stats.pendingEmployee > 0 && stats.pending === stats.pendingEmployee
            ? `Waiting for employees to send it: ${stats.pendingEmployee} recipient(s), ` +
              `${employees.asked - employees.sent} employee(s) have not sent yet.`
            : null;
    return {
      ...toItem(row),
      runId: run?.id ?? null,
      stats,
      channelAccountId: typeof send.channelAccountId === 'string' ? send.channelAccountId : null,
      groupName: typeof send.groupName === 'string' ? send.groupName : null,
      messages: messages.success ? messages.data : [],
      audience: audience.success ? audience.data : null,
      variants: variants.success ? variants.data : null,
      winner: winner.success ? winner.data : null,
      waitingFor,
    };
  });

  for (const action of ['pause', 'resume', 'cancel'] as const) {
    serve(app, contract[action], { permission: 'write', tag: 'broadcasts' }, async (request) => {
      const caller = requireCaller(request);
      await transitionBroadcast(deps, caller.workspaceId, caller.memberId, request.params.id, action);
      return toItem(await load(caller.workspaceId, request.params.id));
    });
  }

  serve(app, contract.edit, { permission: 'write', tag: 'broadcasts', errorAnswers: [503] }, async (request) =>
    changed(request, editBroadcast),
  );

  serve(app, contract.copy, { permission: 'write', tag: 'broadcasts' }, async (request, reply) =>
    reply.status(201).send(await changed(request, copyBroadcast)),
  );

  serve(app, contract.send, { permission: 'write', tag: 'broadcasts' }, async (request) => changed(request, sendDraft));

  serve(app, contract.preview, { permission: 'read', tag: 'broadcasts' }, async (request) => {
    const caller = requireCaller(request);
    if (!deps.previewSend) throw HeraldError.of('HERALD_ERR_PREVIEW_UNAVAILABLE', {});
    return deps
      .previewSend(deps, { workspaceId: caller.workspaceId, ...request.body }, deps.now?.() ?? new Date())
      .catch((error: unknown) => {
        throw (error as { code?: string }).code === 'HERALD_ERR_ACCOUNT_NOT_FOUND'
          ? notFound('The channel account')
          : error;
      });
  });
};
