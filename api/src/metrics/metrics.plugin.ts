// Prometheus on the API: request latency by route (pages and webhooks), the database gauges, and
// whatever else is in the registry it is given (process metrics; the in-process worker's).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Histogram, type Registry } from 'prom-client';
import { safeEqual, type HeraldDb } from '@herald/db';
import { HeraldError } from '../errors/herald-error';
import { registerDbMetrics } from './db-metrics.collector';

export interface MetricsOptions {
  registry: Registry;
  /** The database to read gauges from (null in route tests that have none). */
  db: HeraldDb | null;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  token?: string;
}

/** Times every request by route and serves GET /metrics in Prometheus' text format. */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: MetricsOptions) => {
    const { registry } = options;
    const latency = new Histogram({
      name: 'herald_http_request_duration_seconds',
      help: 'API request latency, by method, route (the pattern, not the URL) and status code.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    if (options.db) registerDbMetrics(registry, options.db);

    app.addHook('onResponse', async (request, reply) => {
      latency.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (options.token && !safeEqual(request.headers.authorization ?? '', `Bearer ${options.token}`))
        throw new HeraldError('HERALD_ERR_UNAUTHORIZED', 401, 'The metrics token is missing or not valid.');
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    });
  },
  { name: 'herald-metrics' },
);
