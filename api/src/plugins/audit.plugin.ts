import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { auditSnapshot, canSnapshot, insertAuditEvent, type HeraldDb } from '@herald/db';
import type { Caller } from './auth.plugin';
import { auditTarget, beforeAfter, redact, type AuditTarget } from '../services/audit.service';

/** What a route may tell the trail that the hooks cannot know (set inside the handler). */
export interface AuditNote {
  /** Who acted, when the route itself signed them in (sign-in, an accepted invitation). */
  actor?: Caller;
  /** The workspace the write belongs to, when it is not the caller's (a workspace just created). */
  workspaceId?: string;
  /** The resource's id, when neither the path nor the answer's `id` carries it. */
  resourceId?: string;
  /** The action, when the route did something else than its path says (a publish held for approval). */
  action?: string;
  /** Extra words for the summary (what an action decided, with its comment). */
  detail?: Record<string, unknown>;
  /** The route deleted what holds the trail (a workspace): log only. */
  skip?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    auditNote: AuditNote | null;
    auditState: { target: AuditTarget; before: Record<string, unknown> | undefined } | null;
  }
}

/** Whether a route's successful calls are written to the trail. */
function audited(request: FastifyRequest): boolean {
  const { permission, audit } = request.routeOptions.config;
  if (audit !== undefined) return audit;
  return request.method !== 'GET' && request.method !== 'HEAD' && permission !== 'public' && permission !== 'read';
}

/** The `id` an answer carries (a created resource). */
function answeredId(payload: unknown): string | null {
  if (typeof payload !== 'string' || payload.length > 200_000 || !payload.startsWith('{')) return null;
  try {
    const id = (JSON.parse(payload) as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * The audit trail: every successful write through the API is recorded once, before its answer is
 * sent (so whoever reads the trail next sees it) — who (member or key, by name), when, from which
 * IP, what (resource, action, id) and the resource's row before and after, secrets redacted. A
 * failure to record is logged and does not undo or fail the write.
 */
export const auditPlugin = fp(
  async (app: FastifyInstance, { db, now = () => new Date() }: { db: HeraldDb; now?: () => Date }) => {
    app.decorateRequest('auditNote', null);
    app.decorateRequest('auditState', null);
    const snapshot = async (workspaceId: string, resource: string, id: string | null) =>
      id && canSnapshot(resource) ? auditSnapshot(db, { workspaceId, resource, id }) : undefined;

    app.addHook('preHandler', async (request) => {
      if (!audited(request)) return;
      const target = auditTarget(
        request.method,
        request.routeOptions.url ?? '',
        request.params as Record<string, unknown>,
      );
      const workspaceId = request.caller?.workspaceId;
      const before =
        workspaceId && target.action !== 'create'
          ? await snapshot(workspaceId, target.resource, target.resource === 'workspace' ? workspaceId : target.id)
          : undefined;
      request.auditState = { target, before };
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const state = request.auditState;
      if (!state || reply.statusCode >= 400 || request.auditNote?.skip) return payload;
      const note = request.auditNote ?? {};
      const actor = note.actor ?? request.caller;
      const workspaceId = note.workspaceId ?? actor?.workspaceId;
      if (!actor || !workspaceId) return payload;
      try {
        const { target } = state;
        const id = note.resourceId ?? target.id ?? answeredId(payload);
        const after = await snapshot(workspaceId, target.resource, target.resource === 'workspace' ? workspaceId : id);
        const rows = beforeAfter(state.before, after);
        const body =
          request.body && typeof request.body === 'object' ? redact(request.body as Record<string, unknown>) : {};
        await insertAuditEvent(db, {
          workspaceId,
          at: now(),
          actorKind: actor.via === 'api_key' ? 'api_key' : 'member',
          actorId: actor.keyId ?? actor.memberId,
          actorName: actor.name,
          ip: request.ip,
          resource: target.resource,
          resourceId: id,
          action: note.action ?? target.action,
          summary: {
            ...(rows.before || rows.after ? rows : Object.keys(body).length > 0 ? { input: body } : {}),
            ...(note.detail ?? {}),
          },
        });
      } catch (error) {
        request.log.error({ err: error }, 'the audit trail could not record a write');
      }
      return payload;
    });
  },
  { name: 'herald-audit', dependencies: ['herald-auth'] },
);
