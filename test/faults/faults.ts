// The five faults, each injected while a broadcast and a journey are sending. Every wait is bounded.
import type { FaultEnv } from './env';
import { progress, type Workload } from './scenario';

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

export interface Fault {
  name: string;
  what: string;
  inject(env: FaultEnv, w: Workload, log: (line: string) => void): Promise<void>;
}

const where = (w: Workload) =>
  `broadcast ${w.broadcastArrived.size}/${w.contacts}, journey ${w.welcomeArrived.size}/${w.fans}`;
const sent = (w: Workload) => w.broadcastArrived.size + w.welcomeArrived.size;

export const faults: Fault[] = [
  {
    name: 'worker-kill',
    what: 'the worker process SIGKILLed three times mid-send, restarted each time',
    async inject(env, w, log) {
      for (let k = 1; k <= 3; k++) {
        // First kill once the broadcast is well under way; the next ones once the new worker has sent something.
        const before = sent(w);
        const reached = await until(() => (k === 1 ? progress(w) >= 0.1 : sent(w) > before), 90_000);
        if (progress(w) >= 1 && w.welcomeArrived.size >= w.fans) {
          log(`kill #${k} skipped: everything was sent already (${where(w)}); use more contacts or fans`);
          break;
        }
        await env.worker.kill('SIGKILL');
        log(
          `SIGKILL #${k} to the worker process group at ${where(w)}${reached ? '' : ' (no progress seen within 90 s)'}`,
        );
        const ms = await env.worker.start();
        log(`worker restarted in ${ms} ms`);
        if (k < 3) await sleep(3000);
      }
    },
  },
  {
    name: 'sandbox-faults',
    what: 'the sandbox failing 20% of calls with 503, 5% with timeouts (processed, answer held past the 15 s client timeout), and answering 429 (Retry-After 2 s) for 10 s',
    async inject(env, w, log) {
      const base = { failShare: 0.2, timeoutShare: 0.05, timeoutHoldMs: 20_000 };
      env.sandbox.faults.resetCounts();
      env.sandbox.faults.set('wecom', base);
      log('sandbox: 20% 503, 5% timeouts on every WeCom call');
      await until(() => progress(w) >= 0.2, 120_000);
      env.sandbox.faults.set('wecom', { ...base, throttleSeconds: 2, throttleUntil: Date.now() + 10_000 });
      log(`sandbox: 429 with Retry-After 2 s for 10 s, from ${where(w)}`);
      await until(() => progress(w) >= 1 && w.welcomeArrived.size >= w.fans, 240_000);
      env.sandbox.faults.clear();
      const c = env.sandbox.faults.counts;
      log(
        `sandbox: faults cleared at ${where(w)}; injected ${c.failed} × 503, ${c.timedOut} timeouts, ${c.throttled} × 429`,
      );
    },
  },
  {
    name: 'postgres-restart',
    what: 'PostgreSQL (a throwaway cluster) crashed (pg_ctl stop -m immediate) mid-send and started again after 3 s',
    async inject(env, w, log) {
      await until(() => progress(w) >= 0.3, 120_000);
      log(`postgres: immediate stop at ${where(w)}`);
      const ms = await env.pg.restart(3000);
      log(`postgres: back after ${ms} ms, at ${where(w)}`);
    },
  },
  {
    name: 'temporal-restart',
    what: 'the Temporal dev server (SQLite file) stopped mid-send and started again on the same file after 3 s',
    async inject(env, w, log) {
      await until(() => progress(w) >= 0.3, 120_000);
      const began = Date.now();
      await env.temporal.stop();
      log(`temporal: stopped at ${where(w)}`);
      await sleep(3000);
      await env.temporal.start();
      log(`temporal: back after ${Date.now() - began} ms, at ${where(w)}`);
    },
  },
  {
    name: 'api-restart',
    what: 'the API process SIGKILLed while webhooks keep arriving, restarted after 3 s (the sender retries)',
    async inject(env, w, log) {
      await until(() => w.poster.accepted >= w.poster.events / 3 && progress(w) >= 0.1, 120_000);
      await env.api.kill('SIGKILL');
      log(`api: SIGKILL at ${where(w)}, ${w.poster.accepted} webhook posts accepted so far`);
      await sleep(3000);
      const ms = await env.api.start();
      log(
        `api: restarted in ${ms} ms; ${w.poster.retriedConnection} webhook posts were retried after a refused connection`,
      );
    },
  },
];
