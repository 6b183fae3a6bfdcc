import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps';
import { requireCaller } from '../plugins/auth.plugin';
import { serve } from './contract-route';
import { experimentRoutes as contract } from '../contracts/index';
import { loadJourney } from '../services/journeys.service';
import { loadBroadcastRow } from '../services/broadcasts.service';
import { variantReportOf } from '../services/variants.service';

/** Per-variant figures of a journey's or a broadcast's send steps, with their winners. */
export const experimentRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  serve(app, contract.journey, { permission: 'read', tag: 'journeys' }, async (request) => {
    const journey = await loadJourney(db, requireCaller(request).workspaceId, request.params.id);
    return variantReportOf(db, journey.id);
  });

  serve(app, contract.broadcast, { permission: 'read', tag: 'broadcasts' }, async (request) => {
    const row = await loadBroadcastRow(db, requireCaller(request).workspaceId, request.params.id);
    return variantReportOf(db, row.journeyId);
  });
};
