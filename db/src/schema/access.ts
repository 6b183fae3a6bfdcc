import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { at, bigId, oneOf, optionalRef, ownedBy, timestamps } from './columns';
import { apiKeys, inWorkspace, members, workspaceTable } from './workspaces';
import { broadcasts, journeys } from './journeys';
import { actorKinds, approvalKinds, approvalStatuses, memberRoles } from '../enums';

export { approvalKinds, approvalStatuses, actorKinds };

/**
 * An invitation to join a workspace with a role. The link's token is `<prefix>.<secret>`: the
 * prefix finds the row, only a sha256 of the whole token is kept. Single use (`accepted_at`).
 */
export const invitations = workspaceTable(
  'invitations',
  {
    /** Lower-cased. */
    email: text('email').notNull(),
    role: text('role', { enum: memberRoles }).notNull(),
    prefix: text('prefix').notNull().unique(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: optionalRef('invited_by', () => members.id),
    expiresAt: at('expires_at').notNull(),
    acceptedAt: at('accepted_at'),
    revokedAt: at('revoked_at'),
    ...timestamps(),
  },
  (t) => [index('invitations_workspace_idx').on(t.workspaceId, t.createdAt), oneOf('invitations', t.role, memberRoles)],
);

/**
 * A publish (a journey's, or a broadcast's send) held for an admin. `graph_hash` is the draft asked
 * about: an approval publishes that draft only if it is still the journey's draft.
 */
export const approvalRequests = workspaceTable(
  'approval_requests',
  {
    kind: text('kind', { enum: approvalKinds }).notNull(),
    journeyId: ownedBy('journey_id', () => journeys.id),
    broadcastId: uuid('broadcast_id').references(() => broadcasts.id, { onDelete: 'cascade' }),
    graphHash: text('graph_hash').notNull(),
    /** How many contacts the broadcast's audience held when asked (null for a journey). */
    audience: integer('audience'),
    requestedBy: optionalRef('requested_by', () => members.id),
    requestedByKey: optionalRef('requested_by_key', () => apiKeys.id),
    requesterName: text('requester_name').notNull(),
    status: text('status', { enum: approvalStatuses }).notNull().default('pending'),
    decidedBy: optionalRef('decided_by', () => members.id),
    deciderName: text('decider_name'),
    decidedAt: at('decided_at'),
    comment: text('comment'),
    ...timestamps(),
  },
  (t) => [
    index('approval_requests_workspace_idx').on(t.workspaceId, t.status, t.createdAt),
    oneOf('approval_requests', t.kind, approvalKinds),
    oneOf('approval_requests', t.status, approvalStatuses),
  ],
);

/**
 * The audit trail: one row per write through the API (who, when, from where, what, and the
 * resource's before/after with secrets redacted). Actors are named in the row so the trail
 * outlives removed members and revoked keys. Pruned after the workspace's retention time.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigId(),
    workspaceId: inWorkspace(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorKind: text('actor_kind', { enum: actorKinds }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    ip: text('ip').notNull(),
    resource: text('resource').notNull(),
    resourceId: text('resource_id'),
    action: text('action').notNull(),
    /** `{ before, after }`: the fields that changed (or the input of an action), secrets redacted. */
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_events_workspace_at_idx').on(t.workspaceId, t.at),
    oneOf('audit_events', t.actorKind, actorKinds),
  ],
);
