import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerErrorHandler } from './errors/error-handler';
import { healthRoutes, type HealthProbes } from './routes/health.routes';

/** What the app needs from the outside world; server.ts and tests build it. */
export interface AppDeps {
  probes: HealthProbes;
}

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
}

/** Builds the Fastify app (no listening): routes, schemas, error handler, OpenAPI. */
export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(swagger, {
    openapi: { info: { title: 'Herald API', version: '0.1.0', description: 'Journeys, broadcasts, contacts and events for chat-channel marketing.' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes, { probes: deps.probes });
  return app;
}
