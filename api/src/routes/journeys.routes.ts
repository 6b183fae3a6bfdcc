import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, desc, eq, ne, journeyVersions, journeys, members, nodeStats } from '@herald/db';
import { emptyGraph, journeyGraphSchema, validateJourneyInput } from '@herald/engine';
import type { AppDeps } from '../deps';
import { cannotTransition, notFound } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { errors, idParams } from '../schemas/common.schema';
import { publishJourney } from '../services/publish.service';
import { applyJourneyStatus, migrateJourney } from '../services/journey-lifecycle.service';

const issueSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
});
const journeyBody = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  graph: z.unknown(),
  currentVersionId: z.string().nullable(),
  versions: z.array(z.object({ id: z.string(), version: z.number(), publishedAt: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** A repeating schedule's next occurrence (null: none). */
  nextRunAt: z.string().nullable(),
});
const counts = z.object({
  entered: z.number(),
  waiting: z.number(),
  sent: z.number(),
  failed: z.number(),
  skipped: z.number(),
  /** Contacts who reached the journey's goal while at this step. */
  converted: z.number(),
});

/** /api/journeys: drafts, validation, publishing into immutable versions, pause/resume, per-node counts. */
export const journeyRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const load = async (workspaceId: string, id: string) => {
    const [row] = await db
      .select()
      .from(journeys)
      .where(and(eq(journeys.id, id), eq(journeys.workspaceId, workspaceId), eq(journeys.kind, 'journey')));
    if (!row) throw notFound('The journey');
    const versions = await db
      .select({ id: journeyVersions.id, version: journeyVersions.version, publishedAt: journeyVersions.publishedAt })
      .from(journeyVersions)
      .where(eq(journeyVersions.journeyId, id))
      .orderBy(desc(journeyVersions.version));
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      graph: row.draftGraph,
      currentVersionId: row.currentVersionId,
      versions: versions.map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      nextRunAt: row.nextRunAt?.toISOString() ?? null,
    };
  };

  app.get(
    '/api/journeys',
    {
      schema: {
        tags: ['journeys'],
        response: { 200: z.object({ items: z.array(journeyBody.omit({ graph: true, versions: true })) }), ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const rows = await db
        .select()
        .from(journeys)
        .where(
          and(
            eq(journeys.workspaceId, caller.workspaceId),
            eq(journeys.kind, 'journey'),
            ne(journeys.status, 'archived'),
          ),
        )
        .orderBy(desc(journeys.updatedAt))
        .limit(200);
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          status: r.status,
          currentVersionId: r.currentVersionId,
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
          nextRunAt: r.nextRunAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/api/journeys',
    {
      schema: {
        tags: ['journeys'],
        body: z.object({ name: z.string().trim().min(1).max(200), graph: journeyGraphSchema.optional() }),
        response: { 201: journeyBody, ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const [row] = await db
        .insert(journeys)
        .values({
          workspaceId: caller.workspaceId,
          name: request.body.name,
          draftGraph: request.body.graph ?? emptyGraph(),
          createdBy: caller.memberId,
          updatedBy: caller.memberId,
        })
        .returning();
      return reply.status(201).send(await load(caller.workspaceId, row!.id));
    },
  );

  app.get(
    '/api/journeys/:id',
    { schema: { tags: ['journeys'], params: idParams, response: { 200: journeyBody, ...errors } } },
    async (request) => load(requireCaller(request).workspaceId, request.params.id),
  );

  app.put(
    '/api/journeys/:id/graph',
    {
      schema: {
        tags: ['journeys'],
        params: idParams,
        body: z.object({ graph: journeyGraphSchema, name: z.string().trim().min(1).max(200).optional() }),
        response: { 200: journeyBody, ...errors },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await load(caller.workspaceId, request.params.id);
      await db
        .update(journeys)
        .set({
          draftGraph: request.body.graph,
          ...(request.body.name ? { name: request.body.name } : {}),
          updatedBy: caller.memberId,
          updatedAt: new Date(),
        })
        .where(eq(journeys.id, request.params.id));
      return load(caller.workspaceId, request.params.id);
    },
  );

  app.post(
    '/api/journeys/:id/validate',
    {
      schema: {
        tags: ['journeys'],
        params: idParams,
        response: { 200: z.object({ issues: z.array(issueSchema) }), ...errors },
      },
    },
    async (request) => {
      const journey = await load(requireCaller(request).workspaceId, request.params.id);
      return { issues: validateJourneyInput(journey.graph, { now: deps.now?.() ?? new Date() }).issues };
    },
  );

  app.post(
    '/api/journeys/:id/publish',
    {
      schema: {
        tags: ['journeys'],
        params: idParams,
        response: {
          200: z.object({ versionId: z.string(), version: z.number(), mode: z.enum(['realtime', 'batch']) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await load(caller.workspaceId, request.params.id);
      const published = await publishJourney(deps, caller.workspaceId, request.params.id, caller.memberId);
      return { versionId: published.versionId, version: published.version, mode: published.plan.mode };
    },
  );

  for (const action of ['pause', 'resume', 'archive'] as const) {
    app.post(
      `/api/journeys/:id/${action}`,
      { schema: { tags: ['journeys'], params: idParams, response: { 200: journeyBody, ...errors } } },
      async (request) => {
        const caller = requireCaller(request);
        const journey = await load(caller.workspaceId, request.params.id);
        const allowed = { pause: ['active'], resume: ['paused'], archive: ['draft', 'active', 'paused'] }[action];
        if (!allowed.includes(journey.status)) throw cannotTransition(journey.status, 'journey', action);
        const status = { pause: 'paused', resume: 'active', archive: 'archived' }[action] as
          'paused' | 'active' | 'archived';
        await db
          .update(journeys)
          .set({ status, updatedBy: caller.memberId, updatedAt: new Date() })
          .where(eq(journeys.id, request.params.id));
        await applyJourneyStatus(deps, request.params.id, action);
        return load(caller.workspaceId, request.params.id);
      },
    );
  }

  app.post(
    '/api/journeys/:id/migrate',
    {
      schema: {
        tags: ['journeys'],
        params: idParams,
        body: z.object({ dryRun: z.boolean().default(true) }),
        response: {
          200: z.object({
            dryRun: z.boolean(),
            moved: z.number(),
            staying: z.number(),
            steps: z.array(z.object({ nodeId: z.string(), kind: z.string(), count: z.number(), moves: z.boolean() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      await load(caller.workspaceId, request.params.id);
      return migrateJourney(deps, caller.workspaceId, request.params.id, request.body.dryRun);
    },
  );

  app.get(
    '/api/journeys/:id/versions',
    {
      schema: {
        tags: ['journeys'],
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                version: z.number(),
                publishedAt: z.string(),
                publishedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
                current: z.boolean(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const journey = await load(requireCaller(request).workspaceId, request.params.id);
      const list = await db
        .select({
          id: journeyVersions.id,
          version: journeyVersions.version,
          publishedAt: journeyVersions.publishedAt,
          memberId: members.id,
          memberName: members.name,
        })
        .from(journeyVersions)
        .leftJoin(members, eq(members.id, journeyVersions.publishedBy))
        .where(eq(journeyVersions.journeyId, journey.id))
        .orderBy(desc(journeyVersions.version));
      return {
        items: list.map((v) => ({
          id: v.id,
          version: v.version,
          publishedAt: v.publishedAt.toISOString(),
          publishedBy: v.memberId ? { id: v.memberId, name: v.memberName ?? '' } : null,
          current: v.id === journey.currentVersionId,
        })),
      };
    },
  );

  app.get(
    '/api/journeys/:id/stats',
    {
      schema: {
        tags: ['journeys'],
        params: idParams,
        response: {
          200: z.object({ versionId: z.string().nullable(), nodes: z.record(z.string(), counts) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const journey = await load(requireCaller(request).workspaceId, request.params.id);
      if (!journey.currentVersionId) return { versionId: null, nodes: {} };
      const rows = await db.select().from(nodeStats).where(eq(nodeStats.journeyVersionId, journey.currentVersionId));
      return {
        versionId: journey.currentVersionId,
        nodes: Object.fromEntries(
          rows.map((r) => [
            r.nodeId,
            {
              entered: r.entered,
              waiting: r.waiting,
              sent: r.sent,
              failed: r.failed,
              skipped: r.skipped,
              converted: r.converted,
            },
          ]),
        ),
      };
    },
  );
};
