// The Temporal server's configuration as `./herald cluster` writes it: PostgreSQL persistence (history
// and visibility databases), the ports of its four services, its own Prometheus metrics, and the
// dynamic config Herald relies on. A complete config that ran here (docs/DEPLOY.md).

/** Ports of the server's services: the frontend (clients), its HTTP API, and internal ones. */
export interface TemporalPorts {
  frontend: number;
  frontendMembership: number;
  frontendHttp: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
  /** The server's own Prometheus metrics. */
  metrics: number;
}

/** Ten consecutive ports from `base`: the frontend first. */
export function temporalPorts(base: number): TemporalPorts {
  const names: Array<keyof TemporalPorts> = [
    'frontend',
    'frontendMembership',
    'frontendHttp',
    'history',
    'historyMembership',
    'matching',
    'matchingMembership',
    'worker',
    'workerMembership',
    'metrics',
  ];
  return Object.fromEntries(names.map((n, i) => [n, base + i])) as unknown as TemporalPorts;
}

/** The server's static config (YAML) for these databases and ports. */
export function configYaml(o: {
  adminUrl: string;
  names: { temporal: string; visibility: string };
  ports: TemporalPorts;
  dynamicConfigFile: string;
}): string {
  const u = new URL(o.adminUrl);
  const store = (database: string, conns: number) => `
      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "${u.hostname}:${u.port || '5432'}"
        connectProtocol: "tcp"
        user: ${JSON.stringify(decodeURIComponent(u.username))}
        password: ${JSON.stringify(decodeURIComponent(u.password))}
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: "1h"`;
  const p = o.ports;
  const service = (grpc: number, membership: number, http?: number) => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${http ? `\n      httpPort: ${http}` : ''}`;
  return `# Written by ./herald cluster (api/src/cluster/temporal-postgres.ts); rewritten at every start.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  # Fixed when the database is created: changing it later needs a new database.
  numHistoryShards: 4
  datastores:
    postgres-default:${store(o.names.temporal, 20)}
    postgres-visibility:${store(o.names.visibility, 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:${p.metrics}"
services:
  frontend:${service(p.frontend, p.frontendMembership, p.frontendHttp)}
  matching:${service(p.matching, p.matchingMembership)}
  history:${service(p.history, p.historyMembership)}
  worker:${service(p.worker, p.workerMembership)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${p.frontend}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: "${o.dynamicConfigFile}"
  pollInterval: "10s"
`;
}

// Eager activity dispatch as on the embedded dev server (see temporal-dev-server.ts); a short
// namespace cache refresh so a namespace created at first start is usable within seconds.
export const dynamicConfig = `system.enableActivityEagerExecution:
  - value: true
system.namespaceCacheRefreshInterval:
  - value: 2s
limit.maxIDLength:
  - value: 255
`;
