import { pruneQuotaUsage } from '@herald/db';
import type { AppDeps } from '../deps';

/**
 * Periodic upkeep of the running product: prunes quota rows whose windows are over (once at
 * start, then every `intervalMs`). Idempotent, so several API processes may all run it.
 */
export function startHousekeeping(
  deps: Pick<AppDeps, 'db'>,
  intervalMs = 3_600_000,
  log: (line: string) => void = () => {},
): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const pruned = await pruneQuotaUsage(deps.db, new Date());
      if (pruned > 0) log(`housekeeping: pruned ${pruned} quota rows of windows that are over`);
    } catch (error) {
      log(`housekeeping: quota pruning failed, will retry: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
