// `./herald cluster [--apis 2] [--workers 2] [--port-base 7400] [--prefix herald_cluster] [--fresh]`:
// the production shape on this machine — a Temporal server on PostgreSQL (built once into .tools/),
// API replicas and `./herald worker` processes, all on the local PostgreSQL, plus the channel sandbox.
// CLUSTER_POSTGRES_URL: a user that may create databases (default postgres:postgres@127.0.0.1:5432).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dropClusterDatabases, startCluster } from '../api/src/cluster/cluster';
import { startSandbox } from '../sandbox/src/index';
import { assertPortFree } from '../runtime/src/index';
import { exitWithError } from './lib/fail';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const count = (name: string, fallback: number): number => {
  const n = Number(arg(name, String(fallback)));
  if (!Number.isInteger(n) || n < 1 || n > 8)
    throw Object.assign(new Error(`${name} must be a whole number from 1 to 8.`), { code: 'HERALD_ERR_CONFIG' });
  return n;
};

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const adminUrl = process.env.CLUSTER_POSTGRES_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const prefix = arg('--prefix', 'herald_cluster');
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix))
    throw Object.assign(
      new Error('--prefix must be lower-case letters, digits and _ (at most 41), e.g. herald_cluster.'),
      {
        code: 'HERALD_ERR_CONFIG',
      },
    );
  const portBase = Number(arg('--port-base', '7400'));
  const stateDir = resolve(process.env.HERALD_DATA_DIR ?? '.data', 'cluster');
  const sandboxPort = portBase + 20;
  await assertPortFree(sandboxPort, 'the cluster sandbox', '--port-base');
  await assertPortFree(portBase + 21, 'the cluster sandbox SMTP', '--port-base');
  if (process.argv.includes('--fresh')) {
    await dropClusterDatabases(adminUrl, prefix).catch((cause: unknown) => {
      throw Object.assign(
        new Error(
          `cannot drop the cluster's databases at ${new URL(adminUrl).host} (${(cause as Error).message}); ` +
            'check CLUSTER_POSTGRES_URL.',
        ),
        { code: 'HERALD_ERR_CLUSTER_POSTGRES_UNREACHABLE' },
      );
    });
    rmSync(stateDir, { recursive: true, force: true });
    log(`herald: dropped the cluster's databases (${prefix}_*) and state`);
  }
  const cluster = await startCluster({
    adminUrl,
    databasePrefix: prefix,
    portBase,
    apis: count('--apis', 2),
    workers: count('--workers', 2),
    stateDir,
    log,
  });
  const sandbox = await startSandbox({ port: sandboxPort, smtpPort: portBase + 21 }).catch(async (error) => {
    await cluster.stop();
    throw error;
  });
  const firstLogin = join(stateDir, 'api', 'first-login.json');
  const login = existsSync(firstLogin)
    ? (JSON.parse(readFileSync(firstLogin, 'utf8')) as { email: string; password: string; apiKey: string })
    : undefined;
  log('Herald cluster is running.');
  cluster.apiUrls.forEach((url, i) =>
    log(
      `  API replica ${i + 1}  ${url}   (pid ${cluster.apis[i]!.pid}; ` +
        `health ${url}/health/ready, metrics ${url}/metrics)`,
    ),
  );
  cluster.workerMetricsUrls.forEach((url, i) =>
    log(`  worker ${i + 1}       pid ${cluster.workers[i]!.pid}   (metrics ${url})`),
  );
  log(
    `  temporal       ${cluster.temporal.address}   ` +
      `(pid ${cluster.temporal.service.pid}; metrics ${cluster.temporalMetricsUrl})`,
  );
  log(`  databases      ${Object.values(cluster.databases).join(', ')} on ${new URL(adminUrl).host}`);
  log(`  sandbox        ${sandbox.url}   (point channel accounts here; SMTP on 127.0.0.1:${sandbox.smtpPort})`);
  if (login) log(`  sign in        ${login.email} / ${login.password}   API key ${login.apiKey}`);
  log(`  logs           ${join(stateDir, 'logs')} and ${join(stateDir, 'temporal.log')}`);
  log('Press Ctrl-C to stop everything.');
  // Nothing restarts a process here (a supervisor would in production): say so when one dies.
  for (const service of [cluster.temporal.service, ...cluster.apis, ...cluster.workers])
    service.onCrash = (crash) =>
      log(`herald: ${service.spec.name} exited on its own (${crash.output.split('\n')[0]}); see its log.`);
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`\nherald: ${signal} received, stopping the workers, the API replicas and the Temporal server…`);
    await cluster.stop();
    await sandbox.close();
    log('herald: cluster stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch(exitWithError);
