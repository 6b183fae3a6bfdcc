import { z } from 'zod';
import { approvalKinds, approvalStatuses, memberRoles } from '@herald/db/enums';
import { create, get, post, put, remove } from './route.contract';
import { idParams, itemsOf } from './common.contract';

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
  myWorkspaces: get('/api/auth/workspaces', itemsOf(workspaceItem), {
    description: 'The workspaces the signed-in person belongs to, with their role in each (a key: its own).',
  }),
  switchWorkspace: post('/api/auth/switch', z.object({ workspaceId: z.string(), workspaceName: z.string() }), {
    description: 'Signs the person in to another workspace they belong to (a new session; the old one ends).',
    body: z.object({ workspaceId: z.uuid() }).strict(),
  }),
  allWorkspaces: get('/api/instance/workspaces', itemsOf(instanceWorkspaceItem), {
    description: "Every workspace of this Herald, with its owners (the instance administrator's page).",
  }),
  createWorkspace: create(
    '/api/instance/workspaces',
    instanceWorkspaceItem.extend({
      /** Whether the owner was invited (a new sign-in) rather than added. */
      invited: z.boolean(),
      emailed: z.boolean(),
      /** The invitation link, shown this once, only when no SMTP server is configured. */
      link: z.string().nullable(),
    }),
    {
      description:
        'Creates a workspace and its first owner: an email that already signs in here joins at once; any other ' +
        'is invited (the link by email, or answered once without SMTP).',
      body: z
        .object({
          name: z.string().trim().min(1).max(120),
          /** Its first owner: invited by email (an existing sign-in joins at once). */
          ownerEmail: z.string().trim().toLowerCase().max(200).pipe(z.email()),
        })
        .strict(),
    },
  ),
  transfer: post('/api/workspace/transfer', z.object({ ownerId: z.string() }), {
    description: 'Makes another member the owner; you become an admin.',
    body: z.object({ memberId: z.uuid() }).strict(),
  }),
  deleteWorkspace: remove('/api/workspace', z.null(), {
    description:
      'Deletes the workspace and everything in it, once nothing runs (cancel broadcasts, archive journeys ' +
      "first). Type the workspace's name to confirm.",
    body: z.object({ confirmName: z.string().max(200) }).strict(),
  }),
  policies: get('/api/workspace/policies', workspacePolicies),
  savePolicies: put('/api/workspace/policies', workspacePolicies, {
    description:
      "Who must approve what: a marketer's journey publishes, and broadcasts to more than N contacts, wait for " +
      'an admin; and how many days the audit trail is kept.',
    body: workspacePolicies.strict(),
  }),
  approvals: get('/api/approvals', itemsOf(approvalItem), {
    query: z.object({ status: z.enum(approvalStatuses).optional() }),
  }),
  approve: post('/api/approvals/:id/approve', approvalItem, {
    description:
      'Approves a request and publishes the draft it asked about (refused when the journey changed since); a ' +
      'broadcast starts sending.',
    params: idParams,
    body: z.object({ comment: z.string().trim().max(1000).optional() }).strict(),
  }),
  reject: post('/api/approvals/:id/reject', approvalItem, {
    description: 'Rejects a request with a comment saying why: nothing is published or sent.',
    params: idParams,
    body: z.object({ comment: z.string().trim().max(1000) }).strict(),
  }),
};
