import { heartbeat } from './deliver';

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
