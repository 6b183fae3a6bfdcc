import { Context } from '@temporalio/activity';

/**
 * How long a `heartbeating` activity may go without a sign of progress (an explicit `heartbeat`) before its
 * timer stops heartbeating for it. A call stuck for good — an answer lost, a query that never returns —
 * then lets the server time the attempt out (20 s later) and retry it, where a timer beating regardless
 * kept a stuck attempt alive until its 10-minute start-to-close timeout. A retry that finds the page's
 * batches still open takes them over (take-over.ts), so the stuck one, should it wake, sends nothing more.
 */
const STALL_MS = 60_000;

/** When each running activity last showed progress. */
const progressAt = new WeakMap<Context, number>();

/** The running (non-local) activity's context, or undefined in plain calls (benchmarks) and local activities. */
function activityContext(): Context | undefined {
  try {
    const context = Context.current();
    return context.info.isLocal ? undefined : context;
  } catch {
    return undefined; // not in an activity
  }
}

/**
 * Heartbeats when running inside a regular activity, and marks progress. No-op in plain calls (benchmarks)
 * and in local activities, which have no heartbeat: the server answers each with "UnknownActivity" and
 * the SDK logged a warning per call (~300 in 30 minutes of light use of `./herald start`).
 */
export function heartbeat(details?: unknown): void {
  const context = activityContext();
  if (!context) return;
  progressAt.set(context, Date.now());
  context.heartbeat(details);
}

/**
 * Heartbeats every 5 s while `work` runs — its SQL and provider calls included — so the server learns of a
 * dead worker within the heartbeat timeout (20 s) rather than the start-to-close timeout, and hands the page
 * to another worker; but only while the work showed progress within `STALL_MS`. No-op outside an activity.
 */
export async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = activityContext();
  if (!context) return work();
  progressAt.set(context, Date.now());
  const timer = setInterval(() => {
    if (Date.now() - (progressAt.get(context) ?? 0) < STALL_MS) context.heartbeat();
  }, 5_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
