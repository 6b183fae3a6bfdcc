// The API alone (no worker) for the fault suite, as its own process so it can be killed and
// restarted: routes, webhooks and the drainer that turns events into journey entries.
// Env: DATABASE_URL, TEMPORAL_ADDRESS, HERALD_SECRET_KEY, TEMPORAL_TASK_QUEUE, PORT.
import { Client, Connection } from '@temporalio/client';
import { createDb, pingDb } from '@herald/db';
import { buildApp, startDrainer, type AppDeps } from '@herald/api';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

async function main(): Promise<void> {
  const db = await createDb({ url: env('DATABASE_URL') });
  const address = env('TEMPORAL_ADDRESS');
  const connection = await Connection.connect({ address, connectTimeout: 10_000 });
  const deps: AppDeps = {
    db: db.db,
    secretKey: Buffer.from(env('HERALD_SECRET_KEY'), 'hex'),
    temporal: { client: new Client({ connection }), taskQueue: env('TEMPORAL_TASK_QUEUE') },
    probes: {
      database: async () => {
        await pingDb(db.db);
        return 'ok';
      },
      temporal: async () => {
        await connection.workflowService.getSystemInfo({});
        return address;
      },
    },
  };
  const drainer = startDrainer(deps);
  const app = await buildApp(deps, { logger: { level: 'error' }, rateLimitPerMinute: 1_000_000 });
  const url = await app.listen({ host: '127.0.0.1', port: Number(env('PORT')) });
  process.stdout.write(`herald api: listening on ${url} (pid ${process.pid})\n`);
  const stop = async (): Promise<void> => {
    await app.close();
    await drainer.stop();
    await connection.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`herald api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
