import { z } from 'zod';
import { approvalKinds, approvalStatuses, memberRoles } from '@herald/db/enums';
import { route } from './route.contract';
import { idParams } from './common.contract';

/** A workspace as its switcher and the instance page list it. */
export const workspaceItem = z.object({
  id: z.string(),
  name: z.string(),
  /** The caller's role there (null on the instance page for workspaces the administrator is not in). */
  role: z.enum(memberRoles).nullable(),
});

export const instanceWorkspaceItem = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  owners: z.array(z.string()),
  members: z.number(),
  createdAt: z.string(),
});

/** Who must approve what before it sends (a workspace setting), and how long the audit trail is kept. */
export const workspacePolicies = z.object({
  approvals: z.object({
    /** A marketer's publish of a journey waits for an admin. */
    journeys: z.boolean(),
    /** A marketer's broadcast to more contacts than this waits for an admin (null: never). */
    broadcastsAbove: z.number().int().min(0).max(100_000_000).nullable(),
  }),
  auditRetentionDays: z.number().int().min(1).max(3650),
});
export type WorkspacePolicies = z.infer<typeof workspacePolicies>;

export const approvalItem = z.object({
  id: z.string(),
  kind: z.enum(approvalKinds),
  status: z.enum(approvalStatuses),
  journeyId: z.string(),
  broadcastId: z.string().nullable(),
  /** The journey's or the broadcast's name. */
  name: z.string(),
  /** Contacts in the broadcast's audience when asked (null for a journey). */
  audience: z.number().nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
});
export type ApprovalItem = z.infer<typeof approvalItem>;

export const governanceRoutes = {
  myWorkspaces: route({
    method: 'GET',
    path: '/api/auth/workspaces',
    status: 200,
    response: z.object({ items: z.array(workspaceItem) }),
  }),
  switchWorkspace: route({
    method: 'POST',
    path: '/api/auth/switch',
    body: z.object({ workspaceId: z.uuid() }).strict(),
    status: 200,
    response: z.object({ workspaceId: z.string(), workspaceName: z.string() }),
  }),
  allWorkspaces: route({
    method: 'GET',
    path: '/api/instance/workspaces',
    status: 200,
    response: z.object({ items: z.array(instanceWorkspaceItem) }),
  }),
  createWorkspace: route({
    method: 'POST',
    path: '/api/instance/workspaces',
    body: z
      .object({
        name: z.string().trim().min(1).max(120),
        /** Its first owner: invited by email (an existing sign-in joins at once). */
        ownerEmail: z.string().trim().toLowerCase().max(200).pipe(z.email()),
      })
      .strict(),
    status: 201,
    response: instanceWorkspaceItem.extend({
      /** Whether the owner was invited (a new sign-in) rather than added. */
      invited: z.boolean(),
      emailed: z.boolean(),
      /** The invitation link, shown this once, only when no SMTP server is configured. */
      link: z.string().nullable(),
    }),
  }),
  transfer: route({
    method: 'POST',
    path: '/api/workspace/transfer',
    body: z.object({ memberId: z.uuid() }).strict(),
    status: 200,
    response: z.object({ ownerId: z.string() }),
  }),
  deleteWorkspace: route({
    method: 'DELETE',
    path: '/api/workspace',
    body: z.object({ confirmName: z.string().max(200) }).strict(),
    status: 204,
    response: z.null(),
  }),
  policies: route({ method: 'GET', path: '/api/workspace/policies', status: 200, response: workspacePolicies }),
  savePolicies: route({
    method: 'PUT',
    path: '/api/workspace/policies',
    body: workspacePolicies.strict(),
    status: 200,
    response: workspacePolicies,
  }),
  approvals: route({
    method: 'GET',
    path: '/api/approvals',
    query: z.object({ status: z.enum(approvalStatuses).optional() }),
    status: 200,
    response: z.object({ items: z.array(approvalItem) }),
  }),
  approve: route({
    method: 'POST',
    path: '/api/approvals/:id/approve',
    params: idParams,
    body: z.object({ comment: z.string().trim().max(1000).optional() }).strict(),
    status: 200,
    response: approvalItem,
  }),
  reject: route({
    method: 'POST',
    path: '/api/approvals/:id/reject',
    params: idParams,
    body: z.object({ comment: z.string().trim().max(1000) }).strict(),
    status: 200,
    response: approvalItem,
  }),
};
