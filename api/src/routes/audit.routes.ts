import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAuditEvents, type AuditFilter, type AuditRow } from '@herald/db';
import type { AppDeps } from '../deps';
import { requireCaller } from '../plugins/auth.plugin';
import { auditRoutes as contract, type AuditItem } from '../contracts/index';
import { csvCell } from '../services/export.service';
import { serve } from './contract-route';

const toItem = (r: AuditRow): AuditItem => ({
  id: r.id,
  at: r.at.toISOString(),
  actorKind: r.actorKind,
  actorName: r.actorName,
  ip: r.ip,
  resource: r.resource,
  resourceId: r.resourceId,
  action: r.action,
  summary: r.summary,
});

/** The filters of a query, as the query layer takes them. */
function filterOf(
  workspaceId: string,
  q: { actor?: string; resource?: string; action?: string; resourceId?: string; from?: string; to?: string },
): Omit<AuditFilter, 'limit'> {
  return {
    workspaceId,
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.resource ? { resource: q.resource } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.resourceId ? { resourceId: q.resourceId } : {}),
    ...(q.from ? { from: new Date(q.from) } : {}),
    ...(q.to ? { to: new Date(q.to) } : {}),
  };
}

const csvColumns = ['at', 'actorKind', 'actorName', 'ip', 'resource', 'resourceId', 'action', 'summary'] as const;
const exportLimit = 100_000;

/** /api/audit: who changed what, when and from where, filtered and paged, and as CSV. */
export const auditRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  serve(app, contract.list, { permission: 'manage', tag: 'audit' }, async (request) => {
    const caller = requireCaller(request);
    const { limit, before, ...q } = request.query;
    const rows = await listAuditEvents(deps.db, {
      ...filterOf(caller.workspaceId, q),
      ...(before ? { before } : {}),
      limit,
    });
    return { items: rows.map(toItem), nextBefore: rows.length === limit ? rows.at(-1)!.id : null };
  });

  app.get(
    contract.export.path,
    {
      config: { permission: 'manage' },
      schema: {
        tags: ['audit'],
        description:
          `The audit rows the filters match (at most ${exportLimit.toLocaleString('en')}), newest ` + `first, as CSV.`,
        querystring: contract.export.query,
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const rows = await listAuditEvents(deps.db, {
        ...filterOf(caller.workspaceId, request.query),
        limit: exportLimit,
      });
      const lines = rows.map((r) =>
        csvColumns
          .map((k) => {
            const v = k === 'at' ? r.at.toISOString() : k === 'summary' ? JSON.stringify(r.summary) : r[k];
            return csvCell(v === null ? '' : String(v));
          })
          .join(','),
      );
      return reply
        .header('content-disposition', 'attachment; filename="audit.csv"')
        .header('content-type', 'text/csv; charset=utf-8')
        .send([csvColumns.join(','), ...lines].join('\n') + '\n');
    },
  );
};
