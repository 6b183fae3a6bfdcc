import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { journeyVersionsOf, nodeStatsOf } from '@herald/db';
import type { AppDeps } from '../deps';
import { requireCaller } from '../plugins/auth.plugin';
import { errors, idParams } from '../schemas/common.schema';
import { loadJourney } from '../services/journeys.service';

const counts = z.object({
  entered: z.number(),
  waiting: z.number(),
  sent: z.number(),
  failed: z.number(),
  skipped: z.number(),
  /** Contacts who reached the journey's goal while at this step. */
  converted: z.number(),
});
const versionItem = z.object({
  id: z.string(),
  version: z.number(),
  publishedAt: z.string(),
  publishedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  current: z.boolean(),
});

/** A journey's report: its published versions and the live version's counts per step. */
export const journeyReportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/api/journeys/:id/versions',
    {
      schema: {
        tags: ['journeys'],
        params: idParams,
        response: { 200: z.object({ items: z.array(versionItem) }), ...errors },
      },
    },
    async (request) => {
      const journey = await loadJourney(db, requireCaller(request).workspaceId, request.params.id);
      const list = await journeyVersionsOf(db, { journeyId: journey.id });
      return {
        items: list.map((v) => ({
          ...v,
          publishedAt: v.publishedAt.toISOString(),
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
      const journey = await loadJourney(db, requireCaller(request).workspaceId, request.params.id);
      if (!journey.currentVersionId) return { versionId: null, nodes: {} };
      const rows = await nodeStatsOf(db, { journeyVersionId: journey.currentVersionId });
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
