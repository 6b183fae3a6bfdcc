import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Registry } from 'prom-client';
import { ChannelClients } from '@herald/channels';
import type { AppDeps } from './deps';
import { registerErrorHandler, sendError } from './errors/error-handler';
import { HeraldError } from './errors/herald-error';
import { authPlugin } from './plugins/auth.plugin';
import { permissionsPlugin } from './plugins/permissions.plugin';
import { auditPlugin } from './plugins/audit.plugin';
import { authRoutes } from './routes/auth.routes';
import { memberRoutes } from './routes/members.routes';
import { apiKeyRoutes } from './routes/api-keys.routes';
import { workspaceRoutes } from './routes/workspaces.routes';
import { approvalRoutes } from './routes/approvals.routes';
import { auditRoutes } from './routes/audit.routes';
import { broadcastRoutes } from './routes/broadcasts.routes';
import { broadcastReportRoutes } from './routes/broadcast-report.routes';
import { contactRoutes } from './routes/contacts.routes';
import { channelAccountRoutes } from './routes/channel-accounts.routes';
import { directoryRoutes } from './routes/directory.routes';
import { employeeRoutes } from './routes/employees.routes';
import { eventRoutes } from './routes/events.routes';
import { healthRoutes } from './routes/health.routes';
import { journeyRoutes } from './routes/journeys.routes';
import { journeyReportRoutes } from './routes/journey-report.routes';
import { experimentRoutes } from './routes/experiments.routes';
import { editorRoutes } from './routes/editor.routes';
import { wechatWebhookRoutes } from './routes/wechat-webhook.routes';
import { receiptsWebhookRoutes } from './routes/receipts-webhook.routes';
import { wecomWebhookRoutes } from './routes/wecom-webhook.routes';
import { formsWebhookRoutes } from './routes/forms-webhook.routes';
import { materialRoutes } from './routes/materials.routes';
import { conversationRoutes } from './routes/conversations.routes';
import { segmentRoutes } from './routes/segments.routes';
import { testSendRoutes } from './routes/test-sends.routes';
import { rateLimitPlugin, type RateLimits } from './plugins/rate-limit.plugin';
import { metricsPlugin } from './metrics/metrics.plugin';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
  /** Requests a client may make per minute (a workspace, or an IP for webhooks): sets both limits. */
  rateLimitPerMinute?: number;
  /** Per-kind limits (HERALD_RATE_LIMIT_* in the environment); see rate-limit.plugin.ts. */
  rateLimits?: Partial<RateLimits>;
  /** Folder of the built editor to serve at / (absent: not served). */
  editorDir?: string;
  /** Trust X-Forwarded-* from the proxy in front (client IPs for rate limits, https for cookies). */
  trustProxy?: boolean;
  /** Session cookies `Secure`: always, never, or when the request came over https ('auto', default). */
  secureCookies?: boolean | 'auto';
  /**
   * Where the API's Prometheus metrics go (herald.ts adds process and in-process worker metrics); absent: a registry of
   * its own.
   */
  metrics?: Registry;
  /** GET /metrics needs `Authorization: Bearer <token>` when set (HERALD_METRICS_TOKEN). */
  metricsToken?: string;
}

/** Builds the Fastify app (no listening): routes, schemas, error handler, OpenAPI. */
export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // The router's own refusals (a path parameter over 100 characters, a malformed URL) get codes too.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void sendError(reply, HeraldError.of(tooLong ? 'HERALD_ERR_URL_TOO_LONG' : 'HERALD_ERR_BAD_URL', {}));
    },
  }).withTypeProvider<ZodTypeProvider>();
  const channels = deps.channels ?? new ChannelClients();
  if (!deps.channels) app.addHook('onClose', async () => channels.close());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // First, so its timing hook covers every route registered after it.
  await app.register(metricsPlugin, {
    registry: options.metrics ?? new Registry(),
    db: deps.db ?? null,
    ...(options.metricsToken ? { token: options.metricsToken } : {}),
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Herald API',
        version: '0.1.0',
        description: 'Journeys, broadcasts, contacts and events for chat-channel marketing.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    // Each operation carries the permission its route declares (permissions.plugin.ts), for clients and tests.
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const permission = input.route.config?.permission;
      return permission ? { ...out, schema: { ...out.schema, 'x-herald-permission': permission } } : out;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(cookie);
  const now = deps.now ?? (() => new Date());
  await app.register(authPlugin, { db: deps.db, now });
  // Per-client rate limits on everything (workspaces, webhook senders, sign-in attempts).
  const perMinute = options.rateLimitPerMinute;
  await app.register(rateLimitPlugin, {
    ...(perMinute ? { apiPerMinute: perMinute, webhooksPerMinute: perMinute } : {}),
    ...options.rateLimits,
  });
  // Roles, checked in one hook for every route (each declares its permission), and the audit trail of writes.
  await app.register(permissionsPlugin);
  await app.register(auditPlugin, { db: deps.db, now });
  await app.register(healthRoutes, { probes: deps.probes });
  const secureCookies = options.secureCookies ?? 'auto';
  await app.register(authRoutes, { deps, secureCookies });
  await app.register(memberRoutes, { deps, secureCookies });
  for (const routes of [
    apiKeyRoutes,
    workspaceRoutes,
    approvalRoutes,
    auditRoutes,
    contactRoutes,
    directoryRoutes,
    channelAccountRoutes,
    employeeRoutes,
    journeyRoutes,
    journeyReportRoutes,
    broadcastRoutes,
    broadcastReportRoutes,
    experimentRoutes,
    eventRoutes,
    wechatWebhookRoutes,
    segmentRoutes,
    testSendRoutes,
  ])
    await app.register(routes, { deps });
  // Receipts parse their body raw (the signature covers the exact bytes), so they live in their own scope.
  await app.register(receiptsWebhookRoutes, { deps });
  await app.register(wecomWebhookRoutes, { deps });
  await app.register(formsWebhookRoutes, { deps });
  await app.register(materialRoutes, { deps, wechat: channels.wechatAdapter });
  await app.register(conversationRoutes, { deps });
  await app.register((await import('./routes/timeline.routes')).timelineRoutes, { deps });
  if (options.editorDir) await app.register(editorRoutes, { dir: options.editorDir });
  return app;
}
