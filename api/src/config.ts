import { z } from 'zod';

/** Environment variables Herald reads, with their embedded defaults. */
const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^:/\s]+:\d+$/, 'host:port, e.g. temporal.internal:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  TEMPORAL_TASK_QUEUE: z.string().default('herald'),
  HERALD_DATA_DIR: z.string().default('.data'),
  HERALD_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, '64 hex characters (32 bytes)')
    .optional(),
  HERALD_PUBLIC_URL: z.string().url().optional(),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SANDBOX_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  HERALD_SANDBOX: z.enum(['on', 'off']).default('on'),
  /** SMTP for emailed exports, e.g. smtp://user:pass@mail.internal:587; embedded default: the sandbox. */
  HERALD_SMTP_URL: z.string().url().optional(),
  HERALD_MAIL_FROM: z.string().default('Herald <herald@localhost>'),
  /** Requests per minute: per workspace on /api, per IP on webhooks, sign-in attempts per IP. */
  HERALD_RATE_LIMIT_API: z.coerce.number().int().min(1).default(6000),
  HERALD_RATE_LIMIT_WEBHOOKS: z.coerce.number().int().min(1).default(6000),
  HERALD_RATE_LIMIT_LOGIN: z.coerce.number().int().min(1).default(30),
  HERALD_RATE_LIMIT_PROVIDER: z.coerce.number().int().min(1).default(600_000),
  /** Behind a reverse proxy: trust its X-Forwarded-For/-Proto (client IPs, https). */
  HERALD_TRUST_PROXY: z.enum(['on', 'off']).default('off'),
  /** Hosts channel accounts and webhooks may call, comma-separated (`api.weixin.qq.com,*.example.com`); unset: any. */
  HERALD_CHANNEL_HOSTS: z.string().optional(),
  /**
   * `refuse`: never call loopback, private or link-local addresses (production); `allow`: the embedded
   * sandbox on 127.0.0.1.
   */
  HERALD_PRIVATE_TARGETS: z.enum(['allow', 'refuse']).default('allow'),
  /**
   * `off` behind a connection pooler that cannot keep named prepared statements for a client (PgBouncer in
   * transaction mode before 1.21): the hot statements are then parsed and planned at every call.
   */
  HERALD_DB_PREPARED: z.enum(['on', 'off']).default('on'),
  /** `off`: this process runs the API only (a replica beside `./herald worker` processes); `on`: a worker too. */
  HERALD_WORKER: z.enum(['on', 'off']).default('on'),
  /** A worker process's metrics and health endpoint (`/metrics`, `/health/live`, `/health/ready`); unset: none. */
  HERALD_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** When set, `/metrics` answers only `Authorization: Bearer <token>` (the API's is on its public port). */
  HERALD_METRICS_TOKEN: z.string().min(16).optional(),
});

export type HeraldConfig = z.infer<typeof envSchema>;

/** Reads the configuration from the environment; a bad value throws one sentence naming it. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): HeraldConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const error = new Error(`${issue.path.join('.')} is not valid (${issue.message}); fix or unset it.`);
    Object.assign(error, { code: 'HERALD_ERR_CONFIG' });
    throw error;
  }
  return parsed.data;
}

/** Where this Herald's worker may send HTTP and SMTP (see channels/src/egress.ts). */
export function egressOf(config: HeraldConfig): { hosts: string[] | null; allowPrivate: boolean } {
  const hosts =
    config.HERALD_CHANNEL_HOSTS?.split(',')
      .map((h) => h.trim())
      .filter(Boolean) ?? [];
  return { hosts: hosts.length > 0 ? hosts : null, allowPrivate: config.HERALD_PRIVATE_TARGETS === 'allow' };
}
