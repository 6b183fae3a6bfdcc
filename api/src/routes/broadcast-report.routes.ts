import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { runEmployeeTallies, runRecipients } from '@herald/db';
import type { AppDeps } from '../deps';
import { requireCaller } from '../plugins/auth.plugin';
import { broadcastRoutes as contract, idParams } from '../contracts/index';
import { currentRun, loadBroadcastRow } from '../services/broadcasts.service';
import { broadcastExport, emailExport } from '../services/export.service';
import { serve } from './contract-route';

/** A broadcast's report: its recipients, its employees' tallies and its export (downloaded or emailed). */
export const broadcastReportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  /** The broadcast (404 when it is not the workspace's) and its newest run's id. */
  const broadcastAndRun = async (workspaceId: string, id: string) => {
    const row = await loadBroadcastRow(db, workspaceId, id);
    const run = await currentRun(db, id);
    return { broadcast: { id: row.id, name: row.name }, runId: run?.id };
  };

  serve(app, contract.recipients, { permission: 'read', tag: 'broadcasts' }, async (request) => {
    const caller = requireCaller(request);
    const { runId } = await broadcastAndRun(caller.workspaceId, request.params.id);
    if (!runId) return { items: [], nextCursor: null };
    const { limit } = request.query;
    const list = await runRecipients(db, { runId, ...request.query });
    const items = list.map((r) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null }));
    return { items, nextCursor: items.length === limit ? items[items.length - 1]!.deliveryId : null };
  });

  serve(app, contract.employees, { permission: 'read', tag: 'broadcasts' }, async (request) => {
    const caller = requireCaller(request);
    const { runId } = await broadcastAndRun(caller.workspaceId, request.params.id);
    return { items: runId ? await runEmployeeTallies(db, { runId }) : [] };
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/broadcasts/:id/export.${format}`,
      { config: { permission: 'read' }, schema: { tags: ['broadcasts'], params: idParams } },
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

  serve(app, contract.emailExport, { permission: 'write', tag: 'broadcasts' }, async (request, reply) => {
    const caller = requireCaller(request);
    const { broadcast, runId } = await broadcastAndRun(caller.workspaceId, request.params.id);
    const sent = await emailExport(deps, broadcast, runId, {
      workspaceId: caller.workspaceId,
      memberId: caller.memberId,
      ...request.body,
    });
    return reply.status(202).send(sent);
  });
};
