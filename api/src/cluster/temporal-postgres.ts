// The Temporal server with PostgreSQL persistence (the production shape, not the dev server): built
// once from its Go module by scripts/temporal-server.sh into .tools/, its two databases created and
// migrated with its own schema tool, a config written for the chosen ports, then started and given
// its namespace. See ../shared/TEMPORAL.md ("The production shape") for the recipe this follows.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { isErrorCode } from '@herald/engine';
import { assertPortFree, RuntimeError, repoRoot } from '@herald/runtime';
import { databaseUrl, ensureDatabase, hasTable } from '@herald/db';
import { ChildService } from './child-service';
import { configYaml, dynamicConfig, type TemporalPorts } from './temporal-config';

export { temporalPorts, type TemporalPorts } from './temporal-config';

/** Builds (first time, ~8 minutes) or finds the server in .tools/; returns its folder. Progress lines go to `log`. */
export function provisionTemporalServer(log: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'scripts/temporal-server.sh'), [], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      for (const line of c.toString().split('\n'))
        if (line.startsWith('herald:') && !line.includes('HERALD_ERR_')) log(line);
      err = (err + c.toString()).slice(-6000);
    });
    child.once('error', (error) =>
      reject(
        new RuntimeError(
          'HERALD_ERR_CLUSTER_BUILD_FAILED',
          `could not run scripts/temporal-server.sh: ${error.message}`,
        ),
      ),
    );
    child.once('close', (code) => {
      if (code === 0) return resolve(out.trim().split('\n').pop()!);
      const coded = /(HERALD_ERR_[A-Z_]+): (.*)/.exec(err);
      reject(
        new RuntimeError(
          isErrorCode(coded?.[1]) ? coded[1] : 'HERALD_ERR_CLUSTER_BUILD_FAILED',
          coded?.[2] ??
            `building the Temporal server failed (exit ${code}): ${err.trim().split('\n').slice(-5).join(' | ')}`,
        ),
      );
    });
  });
}

function sqlTool(dir: string, adminUrl: string, database: string, args: string[]): Promise<void> {
  const u = new URL(adminUrl);
  const argv = [
    '--plugin',
    'postgres12',
    '--ep',
    u.hostname,
    '-p',
    u.port || '5432',
    '-u',
    decodeURIComponent(u.username),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(join(dir, 'bin/temporal-sql-tool'), [...argv, '--db', database, ...args], {
      // The password travels in the environment, not in the process list.
      env: { ...process.env, SQL_PASSWORD: decodeURIComponent(u.password) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new RuntimeError(
              'HERALD_ERR_CLUSTER_SCHEMA',
              `setting up Temporal's schema in ${database} failed (${args[0]}): ` +
                output.trim().split('\n').slice(-3).join(' | '),
            ),
          ),
    );
  });
}

/** Creates the server's database (and visibility database) when missing and brings their schemas up to this version. */
export async function setupTemporalSchemas(
  dir: string,
  adminUrl: string,
  names: { temporal: string; visibility: string },
): Promise<void> {
  for (const [database, folder] of [
    [names.temporal, 'temporal'],
    [names.visibility, 'visibility'],
  ] as const) {
    await ensureDatabase(adminUrl, database);
    if (!(await hasTable(databaseUrl(adminUrl, database), 'schema_version')))
      await sqlTool(dir, adminUrl, database, ['setup-schema', '-v', '0.0']);
    await sqlTool(dir, adminUrl, database, ['update-schema', '-d', join(dir, 'schema/v12', folder, 'versioned')]);
  }
}

export interface TemporalServerOptions {
  dir: string;
  adminUrl: string;
  names: { temporal: string; visibility: string };
  ports: TemporalPorts;
  /** Where its config and log go. */
  stateDir: string;
  namespace: string;
}

/** The Temporal server on PostgreSQL as a child process: start (and restart) on the same ports and databases. */
export class TemporalServer {
  readonly service: ChildService;
  readonly address: string;

  constructor(private readonly options: TemporalServerOptions) {
    const root = join(options.stateDir, 'temporal');
    mkdirSync(join(root, 'config'), { recursive: true });
    const dynamicConfigFile = join(root, 'dynamic-config.yaml');
    writeFileSync(dynamicConfigFile, dynamicConfig);
    writeFileSync(join(root, 'config/development.yaml'), configYaml({ ...options, dynamicConfigFile }), {
      mode: 0o600,
    });
    this.address = `127.0.0.1:${options.ports.frontend}`;
    this.service = new ChildService({
      name: 'the Temporal server',
      command: join(options.dir, 'bin/temporal-server'),
      // No authorizer: the frontend listens on 127.0.0.1 only (a production cluster sets one up, see docs/DEPLOY.md).
      args: ['--root', root, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'],
      logFile: join(options.stateDir, 'temporal.log'),
      ready: () => this.answers(),
      readyTimeoutMs: 120_000,
    });
  }

  private async answers(): Promise<void> {
    const connection = await Connection.connect({ address: this.address, connectTimeout: 1000 });
    try {
      await connection.workflowService.getSystemInfo({});
    } finally {
      await connection.close();
    }
  }

  /** Starts the server (ports checked first), creates the namespace when missing and waits until it takes workflows. */
  async start(): Promise<void> {
    for (const [name, port] of Object.entries(this.options.ports))
      await assertPortFree(port, `Temporal server (${name})`, '--temporal-port');
    await this.service.start();
    await this.ensureNamespace();
  }

  private async ensureNamespace(): Promise<void> {
    const connection = await Connection.connect({ address: this.address });
    try {
      const namespace = this.options.namespace;
      try {
        await connection.workflowService.describeNamespace({ namespace });
      } catch {
        await connection.workflowService.registerNamespace({
          namespace,
          // protobufjs takes a number where the type says Long.
          workflowExecutionRetentionPeriod: { seconds: 3 * 86_400 } as unknown as Parameters<
            typeof connection.workflowService.registerNamespace
          >[0]['workflowExecutionRetentionPeriod'],
        });
      }
      // Every service caches namespaces: wait until a start is accepted (on a queue no worker polls), then end it.
      const client = new Client({ connection, namespace });
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          const handle = await client.workflow.start('herald-cluster-probe', {
            taskQueue: 'herald-cluster-probe',
            workflowId: `herald-cluster-probe-${Date.now()}`,
          });
          await handle.terminate('namespace probe');
          return;
        } catch (error) {
          if (Date.now() > deadline)
            throw new RuntimeError(
              'HERALD_ERR_CLUSTER_TEMPORAL_START',
              `the namespace ${namespace} takes no workflows: ${(error as Error).message}`,
            );
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    } finally {
      await connection.close();
    }
  }

  /** Stops the server with `signal` (SIGTERM: graceful) and starts it again on the same ports and databases. */
  async restart(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.service.kill(signal);
    await this.start();
  }

  /** Stops it gracefully. */
  stop(): Promise<void> {
    return this.service.stop();
  }
}
