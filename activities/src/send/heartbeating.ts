import { Context } from '@temporalio/activity';

/**
 * Heartbeats when running inside a regular activity. No-op in plain calls (benchmarks) and in
 * local activities, which have no heartbeat: the server answers each with "UnknownActivity" and
 * the SDK logged a warning per call (~300 in 30 minutes of light use of `./herald start`).
 */
export function heartbeat(details?: unknown): void {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return; // not in an activity
  }
  if (!context.info.isLocal) context.heartbeat(details);
}

/**
 * Heartbeats every 5 s while `work` runs — its SQL and provider calls included — so the server
 * learns of a dead worker within the heartbeat timeout (20 s) rather than the start-to-close
 * timeout, and hands the page to another worker. No-op outside an activity (benchmarks).
 */
export async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => heartbeat(), 5_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
