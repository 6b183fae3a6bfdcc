import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { broadcastStats, listBroadcasts, runEmployeesWhoSent, runStatusCounts } from '@herald/db';
import { audienceSchema, messageSchema, variantSchema, winnerSchema } from '@herald/engine';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { HeraldError, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { broadcastRoutes as contract, errors } from '../contracts/index';
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
import { publishGate } from '../services/approvals.service';

/** /api/broadcasts: single-node journeys with their own list and detail pages. */
export const broadcastRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const load = (workspaceId: string, id: string) => loadBroadcastRow(db, workspaceId, id);

  app.post(
    contract.create.path,
    {
      config: { permission: 'write' },
      schema: {
        tags: ['broadcasts'],
        body: contract.create.body,
        response: { 201: contract.create.response, ...errors },
      },
    },
    async (request, reply) => {
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
    },
  );

  app.get(
    contract.list.path,
    {
      config: { permission: 'read' },
      schema: {
        tags: ['broadcasts'],
        querystring: contract.list.query,
        response: { 200: contract.list.response, ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const { rows, total } = await listBroadcasts(db, { workspaceId: caller.workspaceId, ...request.query });
      return { items: rows.map(toItem), total };
    },
  );

  app.get(
    contract.get.path,
    {
      config: { permission: 'read' },
      schema: {
        tags: ['broadcasts'],
        params: contract.get.params,
        response: { 200: contract.get.response, ...errors },
      },
    },
    async (request) => {
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
            ? `Waiting for WeCom's limit on app messages to each employee: ${stats.rateLimited} recipient(s) go out when their employee's next minute or hour opens.`
            : stats.pendingEmployee > 0 && stats.pending === stats.pendingEmployee
              ? `Waiting for employees to send it: ${stats.pendingEmployee} recipient(s), ${employees.asked - employees.sent} employee(s) have not sent yet.`
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
    },
  );

  for (const action of ['pause', 'resume', 'cancel'] as const) {
    app.post(
      contract[action].path,
      {
        config: { permission: 'write' },
        schema: {
          tags: ['broadcasts'],
          params: contract[action].params,
          response: { 200: contract[action].response, ...errors },
        },
      },
      async (request) => {
        const caller = requireCaller(request);
        await transitionBroadcast(deps, caller.workspaceId, caller.memberId, request.params.id, action);
        return toItem(await load(caller.workspaceId, request.params.id));
      },
    );
  }

  app.put(
    contract.edit.path,
    {
      config: { permission: 'write' },
      schema: {
        tags: ['broadcasts'],
        params: contract.edit.params,
        body: contract.edit.body,
        response: { 200: contract.edit.response, 503: errors[400], ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await editBroadcast(
        deps,
        caller.workspaceId,
        caller.memberId,
        request.params.id,
        request.body,
        publishGate(deps, caller),
      );
      return toItem(await load(caller.workspaceId, request.params.id));
    },
  );

  app.post(
    contract.copy.path,
    {
      config: { permission: 'write' },
      schema: {
        tags: ['broadcasts'],
        params: contract.copy.params,
        body: contract.copy.body,
        response: { 201: contract.copy.response, ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const id = await copyBroadcast(
        deps,
        caller.workspaceId,
        caller.memberId,
        request.params.id,
        request.body,
        publishGate(deps, caller),
      );
      return reply.status(201).send(toItem(await load(caller.workspaceId, id)));
    },
  );

  app.post(
    contract.send.path,
    {
      config: { permission: 'write' },
      schema: {
        tags: ['broadcasts'],
        description: 'Sends a draft (a copy): now, or at sendAt (pending until then).',
        params: contract.send.params,
        body: contract.send.body,
        response: { 200: contract.send.response, ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await sendDraft(
        deps,
        caller.workspaceId,
        caller.memberId,
        request.params.id,
        request.body,
        publishGate(deps, caller),
      );
      return toItem(await load(caller.workspaceId, request.params.id));
    },
  );

  app.post(
    contract.preview.path,
    {
      config: { permission: 'read' },
      schema: {
        tags: ['broadcasts'],
        body: contract.preview.body,
        response: { 200: contract.preview.response, ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      if (!deps.previewSend) throw HeraldError.of('HERALD_ERR_PREVIEW_UNAVAILABLE', {});
      return deps
        .previewSend(deps, { workspaceId: caller.workspaceId, ...request.body }, deps.now?.() ?? new Date())
        .catch((error: unknown) => {
          throw (error as { code?: string }).code === 'HERALD_ERR_ACCOUNT_NOT_FOUND'
            ? notFound('The channel account')
            : error;
        });
    },
  );
};
