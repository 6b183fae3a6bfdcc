import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps';
import { requireCaller } from '../plugins/auth.plugin';
import { errors, experimentRoutes as contract } from '../contracts/index';
import { loadJourney } from '../services/journeys.service';
import { loadBroadcastRow } from '../services/broadcasts.service';
import { variantReportOf } from '../services/variants.service';

/** Per-variant figures of a journey's or a broadcast's send steps, with their winners. */
export const experimentRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    contract.journey.path,
    {
      config: { permission: 'read' },
      schema: {
        tags: ['journeys'],
        params: contract.journey.params,
        response: { 200: contract.journey.response, ...errors },
      },
    },
    async (request) => {
      const journey = await loadJourney(db, requireCaller(request).workspaceId, request.params.id);
      return variantReportOf(db, journey.id);
    },
  );

  app.get(
    contract.broadcast.path,
    {
      config: { permission: 'read' },
      schema: {
        tags: ['broadcasts'],
        params: contract.broadcast.params,
        response: { 200: contract.broadcast.response, ...errors },
      },
    },
    async (request) => {
      const row = await loadBroadcastRow(db, requireCaller(request).workspaceId, request.params.id);
      return variantReportOf(db, row.journeyId);
    },
  );
};
