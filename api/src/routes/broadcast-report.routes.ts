import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { runEmployeeTallies, runRecipients } from '@herald/db';
import type { AppDeps } from '../deps';
import { requireCaller } from '../plugins/auth.plugin';
import { errors, idParams } from '../schemas/common.schema';
import { currentRun, loadBroadcastRow } from '../services/broadcasts.service';
import { broadcastExport, emailExport } from '../services/export.service';

const recipientItem = z.object({
  deliveryId: z.number(),
  contactId: z.string(),
  contactName: z.string(),
  recipient: z.string().nullable(),
  employee: z.string().nullable(),
  status: z.string(),
  reason: z.string().nullable(),
  sentAt: z.string().nullable(),
});
const employeeItem = z.object({
  employeeId: z.string().nullable(),
  name: z.string(),
  delivered: z.number(),
  undelivered: z.number(),
});

/** A broadcast's report: its recipients, its employees' tallies and its export (downloaded or emailed). */
export const broadcastReportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  /** The broadcast (404 when it is not the workspace's) and its newest run's id. */
  const broadcastAndRun = async (workspaceId: string, id: string) => {
    const row = await loadBroadcastRow(db, workspaceId, id);
    const run = await currentRun(db, id);
    return { broadcast: { id: row.id, name: row.name }, runId: run?.id };
  };

  app.get(
    '/api/broadcasts/:id/recipients',
    {
      schema: {
        tags: ['broadcasts'],
        params: idParams,
        querystring: z.object({
          status: z.string().max(20).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: z.coerce.number().int().optional(),
        }),
        response: { 200: z.object({ items: z.array(recipientItem), nextCursor: z.number().nullable() }), ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const { runId } = await broadcastAndRun(caller.workspaceId, request.params.id);
      if (!runId) return { items: [], nextCursor: null };
      const { limit } = request.query;
      const list = await runRecipients(db, { runId, ...request.query });
      const items = list.map((r) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null }));
      return { items, nextCursor: items.length === limit ? items[items.length - 1]!.deliveryId : null };
    },
  );

  app.get(
    '/api/broadcasts/:id/employees',
    {
      schema: {
        tags: ['broadcasts'],
        params: idParams,
        response: { 200: z.object({ items: z.array(employeeItem) }), ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const { runId } = await broadcastAndRun(caller.workspaceId, request.params.id);
      return { items: runId ? await runEmployeeTallies(db, { runId }) : [] };
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/broadcasts/:id/export.${format}`,
      { schema: { tags: ['broadcasts'], params: idParams } },
      async (request, reply) => {
        const caller = requireCaller(request);
        const { broadcast, runId } = await broadcastAndRun(caller.workspaceId, request.params.id);
        const file = await broadcastExport(db, broadcast, runId, format);
        return reply
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('content-type', file.contentType)
          .send(file.content);
      },
    );
  }

  app.post(
    '/api/broadcasts/:id/export/email',
    {
      schema: {
        tags: ['broadcasts'],
        params: idParams,
        body: z.object({
          format: z.enum(['csv', 'xlsx']),
          to: z.array(z.email().max(200)).min(1).max(20),
          subject: z.string().trim().min(1).max(200),
        }),
        response: { 202: z.object({ exportId: z.string(), rows: z.number() }), ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const { broadcast, runId } = await broadcastAndRun(caller.workspaceId, request.params.id);
      const sent = await emailExport(deps, broadcast, runId, {
        workspaceId: caller.workspaceId,
        memberId: caller.memberId,
        ...request.body,
      });
      return reply.status(202).send(sent);
    },
  );
};
