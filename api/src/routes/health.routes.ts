import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const check = z.object({ ok: z.boolean(), detail: z.string() });
const healthBody = z.object({ status: z.enum(['ok', 'degraded']), database: check, temporal: check });

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

/** GET /health: whether the database and Temporal answer; 503 when either does not. */
export const healthRoutes: FastifyPluginAsyncZod<{ probes: HealthProbes }> = async (app, { probes }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness of the API and its dependencies',
        response: { 200: healthBody, 503: healthBody },
      },
    },
    async (_request, reply) => {
      const [database, temporal] = await Promise.all([run(probes.database), run(probes.temporal)]);
      const ok = database.ok && temporal.ok;
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, temporal });
    },
  );
};
