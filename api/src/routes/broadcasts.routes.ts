import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql, broadcastStats, broadcastStatuses, rowsOf, runStatusCounts } from '@herald/db';
import { audienceSchema, methodIds } from '@herald/engine';
import type { AppDeps } from '../deps';
import { HeraldError, invalidState, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { errors, idParams } from '../schemas/common.schema';
import { broadcastEdit, broadcastItem as listItem } from '../schemas/broadcast.schema';
import {
  broadcastColumns,
  broadcastInput,
  createBroadcast,
  currentRun,
  loadBroadcastRow,
  publishedContent,
  rawBroadcastItem,
  toBroadcastItem as toItem,
  transitionBroadcast,
} from '../services/broadcasts.service';
import { editBroadcast } from '../services/broadcast-edit.service';

const stats = z.object({
  total: z.number(),
  sent: z.number(),
  delivered: z.number(),
  failed: z.number(),
  skipped: z.number(),
  pending: z.number(),
  skippedByReason: z.record(z.string(), z.number()),
  readRate: z.number(),
  replyRate: z.number(),
  progress: z.number(),
});

/** /api/broadcasts: single-node journeys with their own list and detail pages. */
export const broadcastRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const load = (workspaceId: string, id: string) => loadBroadcastRow(db, workspaceId, id);

  app.post(
    '/api/broadcasts',
    { schema: { tags: ['broadcasts'], body: broadcastInput, response: { 201: listItem, ...errors } } },
    async (request, reply) => {
      const caller = requireCaller(request);
      const id = await createBroadcast(deps, caller.workspaceId, caller.memberId, request.body);
      return reply.status(201).send(toItem(await load(caller.workspaceId, id)));
    },
  );

  app.get(
    '/api/broadcasts',
    {
      schema: {
        tags: ['broadcasts'],
        querystring: z.object({
          search: z.string().max(200).optional(),
          status: z.enum(broadcastStatuses).optional(),
          sort: z
            .enum(['created_desc', 'created_asc', 'send_at_desc', 'send_at_asc', 'name_asc'])
            .default('created_desc'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(listItem), total: z.number() }), ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const { search, status, sort, limit, offset } = request.query;
      const where = sql`b.workspace_id = ${caller.workspaceId}::uuid ${search ? sql`and b.name ilike ${`%${search.replace(/[%_\\]/g, '\\$&')}%`}` : sql``} ${status ? sql`and b.status = ${status}` : sql``}`;
      const order = {
        created_desc: sql`b.created_at desc`,
        created_asc: sql`b.created_at asc`,
        send_at_desc: sql`b.send_at desc nulls last`,
        send_at_asc: sql`b.send_at asc nulls last`,
        name_asc: sql`b.name asc`,
      }[sort];
      const list = rowsOf<Record<string, unknown>>(
        await db.execute(
          sql`select ${broadcastColumns} from broadcasts b where ${where} order by ${order}, b.id limit ${limit} offset ${offset}`,
        ),
      );
      const [count] = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from broadcasts b where ${where}`),
      );
      return { items: list.map(rawBroadcastItem), total: count?.n ?? 0 };
    },
  );

  app.get(
    '/api/broadcasts/:id',
    {
      schema: {
        tags: ['broadcasts'],
        params: idParams,
        response: { 200: listItem.extend({ runId: z.string().nullable(), stats }), ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const row = await load(caller.workspaceId, request.params.id);
      const run = await currentRun(db, request.params.id);
      const counts = run ? await runStatusCounts(db, { runId: run.id }) : [];
      return {
        ...toItem(row),
        runId: run?.id ?? null,
        stats: broadcastStats(counts, run?.total ?? 0, row.status === 'completed'),
      };
    },
  );

  for (const action of ['pause', 'resume', 'cancel'] as const) {
    app.post(
      `/api/broadcasts/:id/${action}`,
      { schema: { tags: ['broadcasts'], params: idParams, response: { 200: listItem, ...errors } } },
      async (request) => {
        const caller = requireCaller(request);
        await transitionBroadcast(deps, caller.workspaceId, caller.memberId, request.params.id, action);
        return toItem(await load(caller.workspaceId, request.params.id));
      },
    );
  }

  app.put(
    '/api/broadcasts/:id',
    {
      schema: {
        tags: ['broadcasts'],
        params: idParams,
        body: broadcastEdit,
        description:
          'Edit a pending broadcast: name, audience, messages, send time. Its waiting workflow is replaced by ' +
          'one that sends the new content at the new time. Any other status: 409 HERALD_ERR_INVALID_STATE, ' +
          'nothing changed.',
        response: { 200: listItem, 503: errors[400], ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await editBroadcast(deps, caller.workspaceId, caller.memberId, request.params.id, request.body);
      return toItem(await load(caller.workspaceId, request.params.id));
    },
  );

  app.post(
    '/api/broadcasts/:id/copy',
    {
      schema: {
        tags: ['broadcasts'],
        params: idParams,
        body: z
          .object({
            name: z.string().trim().min(1).max(200).optional(),
            sendType: z.enum(['immediate', 'timed']).default('immediate'),
            sendAt: z.iso.datetime({ offset: true }).optional(),
          })
          .default({ sendType: 'immediate' }),
        response: { 201: listItem, ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const row = await load(caller.workspaceId, request.params.id);
      const content = await publishedContent(db, row.journeyId);
      if (!content) throw invalidState('This broadcast has no published content to copy.');
      const { send, audience } = content;
      const id = await createBroadcast(
        deps,
        caller.workspaceId,
        caller.memberId,
        broadcastInput.parse({
          name: request.body.name ?? `${row.name} (copy)`,
          channelAccountId: send.channelAccountId,
          method: send.method,
          type: send.type,
          groupName: send.groupName,
          messages: send.messages,
          audience,
          sendType: request.body.sendType,
          sendAt: request.body.sendAt,
        }),
      );
      return reply.status(201).send(toItem(await load(caller.workspaceId, id)));
    },
  );

  app.post(
    '/api/broadcasts/preview',
    {
      schema: {
        tags: ['broadcasts'],
        body: z.object({ channelAccountId: z.uuid(), method: z.enum(methodIds), audience: audienceSchema }),
        response: { 200: z.object({ audience: z.number(), reachable: z.number(), sendable: z.number() }), ...errors },
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
