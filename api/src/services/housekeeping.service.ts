import { earlyCallbackDays, pruneAuditEvents, pruneEarlyCallbacks, pruneQuotaUsage } from '@herald/db';
import { defaultPolicies } from './approvals.service';
import type { AppDeps } from '../deps';
import { sweepEmployeeRequests } from './employee-requests.service';

/**
 * Audit rows past each workspace's retention (its policy, else a year), in slices so a large
 * backlog never holds one long transaction; returns how many went.
 */
export async function pruneAuditTrail(deps: Pick<AppDeps, 'db' | 'now'>): Promise<number> {
  const now = deps.now?.() ?? new Date();
  let total = 0;
  for (;;) {
    const n = await pruneAuditEvents(deps.db, { now, defaultDays: defaultPolicies.auditRetentionDays });
    total += n;
    if (n === 0) return total;
  }
}

/** A periodic upkeep job, started with its dependencies, how often it runs, and where it logs. */
type Job<D> = (deps: D, intervalMs?: number, log?: (line: string) => void) => { stop(): void };

/**
 * A job that runs `work` every `intervalMs` (and at once when `atStart`), never two at a time: a run
 * still going when the next is due makes that one skip. A failure is logged as `what` failed, and the
 * next run tries again.
 */
function periodic<D>(
  defaultMs: number,
  atStart: boolean,
  what: string,
  work: (deps: D, log: (line: string) => void) => Promise<void>,
): Job<D> {
  return (deps, intervalMs = defaultMs, log = () => {}) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await work(deps, log);
      } catch (error) {
        log(`housekeeping: ${what} failed, will retry: ${(error as Error).message}`);
      } finally {
        running = false;
      }
    };
    if (atStart) void tick();
    const timer = setInterval(() => void tick(), intervalMs);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  };
}

/**
 * Periodic upkeep of the running product: prunes quota rows whose windows are over, audit rows past
 * their workspace's retention, and callbacks about message ids never recorded (kept a week) — once at
 * start, then every `intervalMs`. Idempotent, so several
 * API processes may all run it.
 */
export const startHousekeeping: Job<Pick<AppDeps, 'db' | 'now'>> = periodic(
  3_600_000,
  true,
  'pruning',
  async (deps, log) => {
    const pruned = await pruneQuotaUsage(deps.db, new Date());
    if (pruned > 0) log(`housekeeping: pruned ${pruned} quota rows of windows that are over`);
    const audited = await pruneAuditTrail(deps);
    if (audited > 0) log(`housekeeping: pruned ${audited} audit rows past their workspace's retention`);
    const early = await pruneEarlyCallbacks(deps.db, { now: deps.now?.() ?? new Date() });
    if (early > 0)
      log(`housekeeping: pruned ${early} callbacks about messages not recorded within ${earlyCallbackDays} days`);
  },
);

/**
 * Reminds employees of the agent messages they have not sent, and expires those past their time
 * (`sweepEmployeeRequests`), every `intervalMs`. Safe in several API processes at once.
 */
export const startEmployeeRequestSweep: Job<Parameters<typeof sweepEmployeeRequests>[0]> = periodic(
  60_000,
  false,
  'the agent-message sweep',
  async (deps, log) => {
    const { reminded, expired } = await sweepEmployeeRequests(deps, new Date());
    if (reminded + expired > 0)
      log(`housekeeping: reminded ${reminded} employee(s) of agent messages, expired ${expired}`);
  },
);
