export { buildApp, type AppOptions } from './app';
export type { AppDeps } from './deps';
export { HeraldError, notFound, invalidState, type ErrorKind } from './errors/herald-error';
export type { HealthProbes, Probe } from './routes/health.routes';
export { ensureDefaultWorkspace, type FirstLogin } from './services/bootstrap.service';
export { drainOnce, startDrainer } from './services/drainer.service';
export { pruneAuditTrail } from './services/housekeeping.service';
export { startHerald, type RunningHerald } from './herald';
