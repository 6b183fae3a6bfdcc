import { spawn } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { RuntimeError } from './runtime.error';
import { assertPortFree } from './ports';
import { findTemporalBinaries } from './temporal-binaries';

export interface DevServerOptions {
  port: number;
  /** Serve the Web UI on this port; absent → headless. */
  uiPort?: number;
  /** SQLite file for durable state; absent → in memory. */
  dbFile?: string;
  namespace?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** `KEY=VALUE` dynamic config values, e.g. a low continue-as-new suggestion for tests. */
  dynamicConfig?: string[];
}

export interface DevServer { address: string; uiUrl?: string; stop(): Promise<void> }

/** Starts `temporal server start-dev` on 127.0.0.1 and waits until its frontend answers. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  await assertPortFree(options.port, 'Temporal dev server', 'TEMPORAL_PORT');
  if (options.uiPort) await assertPortFree(options.uiPort, 'Temporal Web UI', 'TEMPORAL_UI_PORT');
  const { temporal } = findTemporalBinaries();
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', options.logLevel ?? 'error',
    '--namespace', options.namespace ?? 'default'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort), '--ui-ip', '127.0.0.1');
  else args.push('--headless');
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  for (const value of options.dynamicConfig ?? []) args.push('--dynamic-config-value', value);

  const child = spawn(temporal, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000); });
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => { exited = code; resolve(); }));
  const address = `127.0.0.1:${options.port}`;

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited !== undefined) {
      throw new RuntimeError('HERALD_ERR_TEMPORAL_START', `the Temporal dev server exited (code ${exited}) before it was ready: ${stderr.trim().split('\n').pop() ?? ''}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new RuntimeError('HERALD_ERR_TEMPORAL_START', `the Temporal dev server did not answer on ${address} within 20 s.`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  const stop = async (): Promise<void> => {
    if (exited !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(timer);
  };
  return { address, ...(options.uiPort ? { uiUrl: `http://127.0.0.1:${options.uiPort}` } : {}), stop };
}
