import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listApprovals } from '@herald/db';
import type { AppDeps } from '../deps';
import { requireCaller } from '../plugins/auth.plugin';
import { governanceRoutes as contract } from '../contracts/index';
import { approveRequest, rejectRequest, toApprovalItem } from '../services/approvals.service';
import { serve } from './contract-route';

/**
 * /api/approvals: what waits for an admin (a marketer's publish, a large broadcast), approved or rejected
 * with a comment.
 */
export const approvalRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  serve(app, contract.approvals, { permission: 'read', tag: 'approvals' }, async (request) => {
    const caller = requireCaller(request);
    const rows = await listApprovals(deps.db, {
      workspaceId: caller.workspaceId,
      ...(request.query.status ? { status: request.query.status } : {}),
      limit: 200,
    });
    return { items: rows.map(toApprovalItem) };
  });

  serve(app, contract.approve, { permission: 'manage', tag: 'approvals', errorAnswers: [503] }, async (request) => {
    const caller = requireCaller(request);
    return toApprovalItem(await approveRequest(deps, caller, request.params.id, request.body.comment || null));
  });

  serve(app, contract.reject, { permission: 'manage', tag: 'approvals' }, async (request) => {
    const caller = requireCaller(request);
    return toApprovalItem(await rejectRequest(deps, caller, request.params.id, request.body.comment));
  });
};
