import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { journeyReport, journeyVersionsOf, nodeStatsOf } from '@herald/db';
import { compareRates } from '@herald/engine';
import type { AppDeps } from '../deps';
import { requireCaller } from '../plugins/auth.plugin';
import { journeyRoutes as contract } from '../contracts/index';
import { loadJourney } from '../services/journeys.service';
import { serve } from './contract-route';

/** A journey's report: its published versions and the live version's counts per step. */
export const journeyReportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  serve(app, contract.versions, { permission: 'read', tag: 'journeys' }, async (request) => {
    const journey = await loadJourney(db, requireCaller(request).workspaceId, request.params.id);
    const list = await journeyVersionsOf(db, { journeyId: journey.id });
    return {
      items: list.map((v) => ({
        ...v,
        publishedAt: v.publishedAt.toISOString(),
        current: v.id === journey.currentVersionId,
      })),
    };
  });

  serve(app, contract.stats, { permission: 'read', tag: 'journeys' }, async (request) => {
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
  });

  serve(app, contract.report, { permission: 'read', tag: 'journeys' }, async (request) => {
    const journey = await loadJourney(db, requireCaller(request).workspaceId, request.params.id);
    const r = await journeyReport(db, journey.id);
    const treatment = { converted: r.converted, total: r.entered };
    const holdout = { converted: r.heldOutConverted, total: r.heldOut };
    return {
      funnel: { entered: r.entered, sent: r.sent, delivered: r.delivered, read: r.read, converted: r.converted },
      holdout: r.heldOut > 0 ? { treatment, holdout, comparison: compareRates(treatment, holdout) } : null,
      days: r.days,
    };
  });
};
