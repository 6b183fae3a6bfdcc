import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const check = z.object({ ok: z.boolean(), detail: z.string() });
const readyBody = z.object({ status: z.enum(['ready', 'up']), database: check, temporal: check });
const liveBody = z.object({ status: z.literal('up') });

/** A dependency probe: resolves with a short description, rejects when unreachable. */
export type Probe = () => Promise<string>;
export interface HealthProbes {
  database: Probe;
  temporal: Probe;
}

async function run(probe: Probe): Promise<z.infer<typeof check>> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('no answer within 3 s')), 3000).unref(),
  );
  try {
    return { ok: true, detail: await Promise.race([probe(), timeout]) };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Health, two questions apart: `/health/live` — is the process up (restart it when not);
 * `/health/ready` and `/health` — can it serve, i.e. do the database and Temporal answer (send it
 * traffic only when so). A replica whose Temporal is down is up but not ready: 503, status `up`.
 */
export const healthRoutes: FastifyPluginAsyncZod<{ probes: HealthProbes }> = async (app, { probes }) => {
  app.get(
    '/health/live',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['system'],
        summary: 'The API process answers (liveness)',
        response: { 200: liveBody },
      },
    },
    async () => ({ status: 'up' as const }),
  );
  for (const url of ['/health', '/health/ready'])
    app.get(
      url,
      {
        config: { permission: 'public' },
        schema: {
          tags: ['system'],
          summary: 'The API can serve: the database and Temporal answer (readiness)',
          response: { 200: readyBody, 503: readyBody },
        },
      },
      async (_request, reply) => {
        const [database, temporal] = await Promise.all([run(probes.database), run(probes.temporal)]);
        const ready = database.ok && temporal.ok;
        return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'up', database, temporal });
      },
    );
};
