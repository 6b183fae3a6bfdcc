// The faults of the production shape (`./herald faults --cluster`), each injected while the broadcasts
// (workload.ts) and a real-time journey are sending through the cluster: one API replica SIGKILLed while webhooks
// arrive round-robin (the other keeps answering), one worker SIGKILLed mid-broadcast (the other carries on),
// the Temporal server on PostgreSQL killed and started again mid-journey. Every wait is bounded.
import type { Cluster } from '@herald/api/cluster';
import type { FaultEnv } from './env';
import { fresh, type Fault } from './faults';
import { allArrived, minProgress, progress, where, type Workload } from './workload';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(ready: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

function clusterOf(env: FaultEnv): Cluster {
  const cluster = (env as FaultEnv & { cluster?: Cluster }).cluster;
  if (!cluster) throw new Error('a cluster fault needs the cluster environment (./herald faults --cluster)');
  return cluster;
}

const sent = (w: Workload) => w.broadcasts.reduce((a, b) => a + b.received.size, 0) + w.welcome.received.size;
const snapshot = (w: Workload): Record<string, number> =>
  Object.fromEntries(w.broadcasts.map((b) => [b.method, Math.round(progress(b) * 1000) / 1000]));

/** Polls `url` every 200 ms until `stop()`; counts answers that were not 200 (a replica that stopped answering). */
function watch(url: string): { stop(): Promise<{ polls: number; bad: number }> } {
  let running = true;
  const tally = { polls: 0, bad: 0 };
  const loop = (async () => {
    while (running) {
      tally.polls++;
      const ok = await fetch(url, { signal: AbortSignal.timeout(3000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!ok) tally.bad++;
      await sleep(200);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return tally;
    },
  };
}

export const clusterFaults: Fault[] = [
  {
    name: 'cluster-api-kill',
    what: 'API replica 1 SIGKILLed while webhooks arrive round-robin over both replicas; restarted after 5 s',
    async inject(env, w, log) {
      const cluster = clusterOf(env);
      const injection = fresh();
      if (!(await until(() => w.poster.accepted >= w.poster.events / 3 && minProgress(w) >= 0.08, 120_000)))
        injection.missed.push(`a third of the webhooks accepted and every broadcast at 8% within 120 s (${where(w)})`);
      injection.progressAt = snapshot(w);
      const other = watch(`${cluster.apiUrls[1]}/health/ready`);
      const acceptedBefore = w.poster.accepted;
      await cluster.apis[0]!.kill('SIGKILL');
      injection.kills++;
      log(`api replica 1 SIGKILLed at ${where(w)}, ${acceptedBefore} webhook posts accepted so far`);
      await sleep(5000);
      const acceptedWhileDown = w.poster.accepted - acceptedBefore;
      const ms = await cluster.apis[0]!.start();
      const seen = await other.stop();
      log(
        `api replica 1 restarted in ${ms} ms; while it was down ${acceptedWhileDown} webhook posts were accepted ` +
          `(by replica 2), replica 2 answered /health/ready ${seen.polls - seen.bad}/${seen.polls} times`,
      );
      if (seen.bad > 0)
        throw new Error(`replica 2 failed ${seen.bad} of ${seen.polls} readiness checks during the outage`);
      if (acceptedWhileDown === 0 && w.poster.accepted < w.poster.events)
        throw new Error('no webhook was accepted while replica 1 was down');
      return injection;
    },
  },
  {
    name: 'cluster-worker-kill',
    what:
      'worker 1 SIGKILLed mid-broadcast; worker 2 carries on alone for 30 s ' +
      '(pages of the dead worker time out on their 20 s heartbeat and move), then worker 1 restarts',
    async inject(env, w, log) {
      const cluster = clusterOf(env);
      const injection = fresh();
      if (!(await until(() => minProgress(w) >= 0.08, 120_000)))
        injection.missed.push(`every broadcast at 8% within 120 s (${where(w)})`);
      if (allArrived(w)) {
        log(`kill skipped: everything was sent already (${where(w)})`);
        return injection;
      }
      injection.progressAt = snapshot(w);
      await cluster.workers[0]!.kill('SIGKILL');
      injection.kills++;
      const before = sent(w);
      log(`worker 1 (pid gone) SIGKILLed at ${where(w)}`);
      await sleep(30_000);
      log(`while worker 1 was down, worker 2 alone: ${sent(w) - before} messages arrived (${where(w)})`);
      const ms = await cluster.workers[0]!.start();
      log(`worker 1 restarted in ${ms} ms (pid ${cluster.workers[0]!.pid})`);
      return injection;
    },
  },
  {
    name: 'cluster-temporal-restart',
    what:
      'the Temporal server on PostgreSQL SIGKILLed mid-journey and mid-broadcast, ' +
      'started again after 3 s on the same databases',
    async inject(env, w, log) {
      const cluster = clusterOf(env);
      const injection = fresh();
      if (!(await until(() => minProgress(w) >= 0.08 && w.welcome.received.size > 0, 120_000)))
        injection.missed.push(`every broadcast at 8% and a first welcome within 120 s (${where(w)})`);
      injection.progressAt = snapshot(w);
      const began = Date.now();
      await cluster.temporal.service.kill('SIGKILL');
      injection.kills++;
      log(`temporal server SIGKILLed at ${where(w)}`);
      await sleep(3000);
      await cluster.temporal.start();
      log(`temporal server back (namespace taking workflows) after ${Date.now() - began} ms, at ${where(w)}`);
      return injection;
    },
  },
];
