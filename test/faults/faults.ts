// The five faults, each injected while the broadcasts and the journey are sending. Every wait is
// bounded, and a wait that runs out is reported: the fault did not land where it was meant to.
import type { FaultEnv } from './env';
import { allArrived, minProgress, progress, where, type Workload } from './workload';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `ready()` or `ms` passed; says which. */
async function until(ready: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

/** What a fault did: where each broadcast stood when it first struck, how often it struck, what it missed. */
export interface Injection {
  /** Each broadcast's progress (people reached / audience) at the first kill or error. */
  progressAt: Record<string, number>;
  /** Processes killed or servers stopped. */
  kills: number;
  /** Provider errors the sandbox injected (503s, timeouts, 429s, SMTP 451s). */
  errors: number;
  /** Calls the provider processed without the caller learning it (timeouts): resending them is unavoidable. */
  timedOut: number;
  /** Waits for an injection point that ran out: the fault may not have landed mid-send. */
  missed: string[];
}

export interface Fault {
  name: string;
  what: string;
  inject(env: FaultEnv, w: Workload, log: (line: string) => void): Promise<Injection>;
}

const snapshot = (w: Workload): Record<string, number> =>
  Object.fromEntries(w.broadcasts.map((b) => [b.method, Math.round(progress(b) * 1000) / 1000]));

/** Waits until every broadcast reached `share`; records a miss when it did not within `ms`. */
async function reach(w: Workload, share: number, ms: number, injection: Injection): Promise<void> {
  if (!(await until(() => minProgress(w) >= share, ms)))
    injection.missed.push(`every broadcast at ${share * 100}% within ${ms / 1000} s (${where(w)})`);
}

/** An injection that has done nothing yet. */
export const fresh = (): Injection => ({ progressAt: {}, kills: 0, errors: 0, timedOut: 0, missed: [] });

export const faults: Fault[] = [
  {
    name: 'worker-kill',
    what: 'the worker process SIGKILLed three times mid-send, restarted each time',
    async inject(env, w, log) {
      const injection = fresh();
      await reach(w, 0.08, 120_000, injection);
      for (let k = 1; k <= 3; k++) {
        if (k > 1) {
          // The next kill once the new worker has sent something more.
          const before = w.broadcasts.reduce((a, b) => a + b.received.size, 0);
          await until(() => w.broadcasts.reduce((a, b) => a + b.received.size, 0) > before, 90_000);
        }
        if (allArrived(w)) {
          log(`kill #${k} skipped: everything was sent already (${where(w)})`);
          break;
        }
        if (k === 1) injection.progressAt = snapshot(w);
        await env.worker.kill('SIGKILL');
        injection.kills++;
        log(`SIGKILL #${k} to the worker process group at ${where(w)}`);
        log(`worker restarted in ${await env.worker.start()} ms`);
        if (k < 3) await sleep(3000);
      }
      return injection;
    },
  },
  {
    name: 'sandbox-faults',
    what:
      'every provider failing for 40 s: 20% of calls 503 (SMTP 451), 5% timing out (processed, answer held past ' +
      'the 15 s client timeout), and for the last 10 s every WeCom and WeChat call 429 (Retry-After 2 s)',
    async inject(env, w, log) {
      const injection = fresh();
      const base = { failShare: 0.2, timeoutShare: 0.05, timeoutHoldMs: 20_000 };
      await reach(w, 0.05, 120_000, injection);
      injection.progressAt = snapshot(w);
      env.sandbox.faults.resetCounts();
      for (const family of ['wecom', 'wechat', 'email']) env.sandbox.faults.set(family, base);
      log(`sandbox: 20% 503 (SMTP 451), 5% timeouts on every WeCom, WeChat and SMTP call, from ${where(w)}`);
      // A window of fixed length: a provider's bad minute, whatever the sends do meanwhile.
      await sleep(30_000);
      for (const family of ['wecom', 'wechat'])
        env.sandbox.faults.set(family, { ...base, throttleSeconds: 2, throttleUntil: Date.now() + 10_000 });
      log(`sandbox: 429 with Retry-After 2 s for 10 s, from ${where(w)}`);
      await sleep(10_000);
      env.sandbox.faults.clear();
      const c = env.sandbox.faults.counts;
      injection.errors = c.failed + c.timedOut + c.throttled;
      injection.timedOut = c.timedOut;
      log(
        `sandbox: faults cleared at ${where(w)}; ` +
          `injected ${c.failed} × 503/451, ${c.timedOut} timeouts, ${c.throttled} × 429`,
      );
      return injection;
    },
  },
  {
    name: 'postgres-restart',
    what: 'PostgreSQL (a throwaway cluster) crashed (pg_ctl stop -m immediate) mid-send and started again after 3 s',
    async inject(env, w, log) {
      const injection = fresh();
      await reach(w, 0.08, 120_000, injection);
      injection.progressAt = snapshot(w);
      log(`postgres: immediate stop at ${where(w)}`);
      const ms = await env.pg.restart(3000);
      injection.kills++;
      log(`postgres: back after ${ms} ms, at ${where(w)}`);
      return injection;
    },
  },
  {
    name: 'temporal-restart',
    what: 'the Temporal dev server (SQLite file) stopped mid-send and started again on the same file after 3 s',
    async inject(env, w, log) {
      const injection = fresh();
      await reach(w, 0.08, 120_000, injection);
      injection.progressAt = snapshot(w);
      const began = Date.now();
      await env.temporal.stop();
      injection.kills++;
      log(`temporal: stopped at ${where(w)}`);
      await sleep(3000);
      await env.temporal.start();
      log(`temporal: back after ${Date.now() - began} ms, at ${where(w)}`);
      return injection;
    },
  },
  {
    name: 'api-restart',
    what: 'the API process SIGKILLed while webhooks keep arriving, restarted after 3 s (the sender retries)',
    async inject(env, w, log) {
      const injection = fresh();
      if (!(await until(() => w.poster.accepted >= w.poster.events / 3 && minProgress(w) >= 0.08, 120_000)))
        injection.missed.push(`a third of the webhooks accepted and every broadcast at 8% within 120 s (${where(w)})`);
      injection.progressAt = snapshot(w);
      await env.api.kill('SIGKILL');
      injection.kills++;
      log(`api: SIGKILL at ${where(w)}, ${w.poster.accepted} webhook posts accepted so far`);
      await sleep(3000);
      const ms = await env.api.start();
      log(
        `api: restarted in ${ms} ms; ` +
          `${w.poster.retriedConnection} webhook posts were retried after a refused connection`,
      );
      return injection;
    },
  },
];
