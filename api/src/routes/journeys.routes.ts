import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { insertJourney, listJourneys, saveJourneyDraft, setJourneyStatus } from '@herald/db';
import { emptyGraph, journeyGraphSchema, validateJourneyInput } from '@herald/engine';
import type { AppDeps } from '../deps';
import { cannotTransition } from '../errors/herald-error';
import { requireCaller } from '../plugins/auth.plugin';
import { errors, idParams } from '../schemas/common.schema';
import { journeyListItem, loadJourney } from '../services/journeys.service';
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
/** /api/journeys: drafts, validation, publishing into immutable versions, pause/resume/archive, migration. */
export const journeyRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const load = (workspaceId: string, id: string) => loadJourney(db, workspaceId, id);

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
      const rows = await listJourneys(db, { workspaceId: caller.workspaceId, limit: 200 });
      return { items: rows.map(journeyListItem) };
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
      const id = await insertJourney(db, {
        workspaceId: caller.workspaceId,
        name: request.body.name,
        graph: request.body.graph ?? emptyGraph(),
        memberId: caller.memberId,
      });
      return reply.status(201).send(await load(caller.workspaceId, id));
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
      const { graph, name } = request.body;
      await saveJourneyDraft(db, { id: request.params.id, graph, name, memberId: caller.memberId });
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
        await setJourneyStatus(db, { id: request.params.id, status, memberId: caller.memberId });
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
};
