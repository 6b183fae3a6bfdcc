import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps';
import { requireCaller } from '../plugins/auth.plugin';
import { errors } from '../contracts/index';
import { eventInput, ingestEvents } from '../services/ingest.service';

/** /api/events: ingest one event or a batch; idempotent on event id. */
export const eventRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post(
    '/api/events',
    {
      // Events arrive at ingestion speed from the customer's systems: data, not a change to record.
      config: { permission: 'write', audit: false },
      schema: {
        tags: ['events'],
        body: z.union([eventInput, z.object({ events: z.array(eventInput).min(1).max(1000) })]),
        response: { 202: z.object({ accepted: z.number(), duplicates: z.number() }), ...errors },
      },
    },
    async (request, reply) => {
      const caller = requireCaller(request);
      const events = 'events' in request.body ? request.body.events : [request.body];
      return reply
        .status(202)
        .send(await ingestEvents(deps.db, caller.workspaceId, 'api', events, deps.now?.() ?? new Date()));
    },
  );
};
