export { buildApp, type AppDeps, type AppOptions } from './app';
export { HeraldError, notFound, invalidState, type ErrorKind } from './errors/herald-error';
export type { HealthProbes, Probe } from './routes/health.routes';
