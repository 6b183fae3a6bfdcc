// Prometheus metrics of a worker, taken at the activity boundary (a Temporal activity interceptor),
// so the send path itself carries no instrumentation: executions and their duration by activity,
// and the send outcomes an activity reports in its result (a page's counts, or one contact's status).
import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';
import { Counter, Histogram, type Registry } from 'prom-client';

const outcomes = ['sent', 'failed', 'skipped'] as const;

/** The send outcomes an activity result reports: `{ sent, failed, skipped }` counts, or `{ status, reason }`. */
export function sendOutcomesOf(result: unknown): Array<{ outcome: string; reason?: string; count: number }> {
  if (!result || typeof result !== 'object') return [];
  const r = result as Record<string, unknown>;
  if (typeof r.status === 'string' && (outcomes as readonly string[]).includes(r.status))
    return [{ outcome: r.status, ...(typeof r.reason === 'string' ? { reason: r.reason } : {}), count: 1 }];
  return outcomes.flatMap((outcome) =>
    typeof r[outcome] === 'number' && r[outcome] > 0 ? [{ outcome, count: r[outcome] }] : [],
  );
}

/**
 * The send pages an engine activity result reports (`sendPages`, of which `carefulPages` and `retryPages`), by
 * how the ledger recorded them: `first` (one plain insert), `careful` (a first attempt whose insert met rows
 * already written: recorded again and read back) or `retry` (a retried attempt, which always does that).
 */
export function sendPagesOf(result: unknown): Array<{ path: 'first' | 'careful' | 'retry'; count: number }> {
  if (!result || typeof result !== 'object') return [];
  const r = result as Record<string, unknown>;
  const n = (key: string) => (typeof r[key] === 'number' ? (r[key] as number) : 0);
  const paths = [
    { path: 'first' as const, count: n('sendPages') - n('carefulPages') - n('retryPages') },
    { path: 'careful' as const, count: n('carefulPages') },
    { path: 'retry' as const, count: n('retryPages') },
  ];
  return paths.filter((p) => p.count > 0);
}

/** Registers the worker's metrics in `registry` and returns the interceptor factory that feeds them. */
export function activityMetrics(registry: Registry): ActivityInterceptorsFactory {
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter({ name, help, labelNames, registers: [registry] });
  const executions = counter(
    'herald_activity_executions_total',
    'Activity executions finished in this worker, by activity and outcome (completed, failed).',
    ['activity', 'outcome'],
  );
  const duration = new Histogram({
    name: 'herald_activity_duration_seconds',
    help: 'How long activities ran in this worker, by activity (a broadcast page: resolve, reserve, record, send).',
    labelNames: ['activity'],
    buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const sends = counter(
    'herald_worker_sends_total',
    'Recipients this worker processed, by activity and outcome (sent, failed, skipped), from activity results.',
    ['activity', 'outcome'],
  );
  const skips = counter(
    'herald_worker_skips_total',
    'Skipped sends whose activity reported a reason (one contact at a time), by reason.',
    ['reason'],
  );
  const sendPages = counter(
    'herald_send_pages_total',
    'Send pages the ledger recorded in this worker, by activity and path: first (one plain insert), careful (a ' +
      'first attempt whose insert met rows already written: recorded again and read back) or retry.',
    ['activity', 'path'],
  );
  return (ctx) => {
    const activity = ctx.info.activityType;
    const inbound: ActivityInboundCallsInterceptor = {
      async execute(input, next) {
        const stop = duration.startTimer({ activity });
        try {
          const result = await next(input);
          executions.inc({ activity, outcome: 'completed' });
          for (const o of sendOutcomesOf(result)) {
            sends.inc({ activity, outcome: o.outcome }, o.count);
            if (o.outcome === 'skipped' && o.reason) skips.inc({ reason: o.reason });
          }
          for (const p of sendPagesOf(result)) sendPages.inc({ activity, path: p.path }, p.count);
          return result;
        } catch (error) {
          executions.inc({ activity, outcome: 'failed' });
          throw error;
        } finally {
          stop();
        }
      },
    };
    return { inbound };
  };
}
