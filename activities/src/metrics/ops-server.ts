// A worker's own small HTTP endpoint (it serves no API): Prometheus metrics and health, for the
// scraper, the container's healthcheck and an orchestrator's probes.
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface OpsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on `host:port`: `GET /metrics` (Prometheus text), `GET /health/live` (200 while the
 * process answers), `GET /health/ready` and `/health` (200 when `ready()` resolves, 503 with its
 * reason when it rejects).
 */
export async function startOpsServer(options: {
  host: string;
  port: number;
  registry: Registry;
  ready: () => Promise<void>;
}): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string): void => {
      response.writeHead(status, { 'content-type': type }).end(body);
    };
    const json = (status: number, body: unknown): void => send(status, 'application/json', JSON.stringify(body));
    if (request.method !== 'GET') return json(405, { error: 'only GET' });
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => send(200, options.registry.contentType, text),
        (error: Error) => send(500, 'text/plain', error.message),
      );
    } else if (path === '/health/live') {
      json(200, { status: 'up' });
    } else if (path === '/health/ready' || path === '/health') {
      options.ready().then(
        () => json(200, { status: 'ready' }),
        (error: Error) => json(503, { status: 'up', reason: error.message }),
      );
    } else json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
