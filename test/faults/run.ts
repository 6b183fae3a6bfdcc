// `./herald faults`: each fault on a broadcast of 20,000 contacts and a running real-time journey,
// then exactly-once tallies. Options: --contacts N (20000), --fans N (300), --only a,b (fault names),
// --cluster (the production shape: cluster-env.ts, cluster-faults.ts).
import { parseArgs } from 'node:util';
import { startFaultEnv } from './env';
import { faults as devFaults } from './faults';
import { startClusterFaultEnv } from './cluster-env';
import { clusterFaults } from './cluster-faults';
import { settleAndCheck, startWorkload } from './scenario';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '20000' },
    fans: { type: 'string', default: '300' },
    only: { type: 'string' },
    cluster: { type: 'boolean', default: false },
  },
});
const faults = values.cluster ? clusterFaults : devFaults;
const contacts = Number(values.contacts);
const fans = Number(values.fans);
const chosen = values.only ? faults.filter((f) => values.only!.split(',').includes(f.name)) : faults;
const started = Date.now();
const stamp = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`;
const log = (line: string) => process.stdout.write(`${stamp()}  ${line}\n`);

async function main(): Promise<number> {
  if (chosen.length === 0)
    throw new Error(`no fault named ${values.only}; choose from ${faults.map((f) => f.name).join(', ')}`);
  const env = values.cluster ? await startClusterFaultEnv(log) : await startFaultEnv(log);
  // Interrupted (Ctrl-C, timeout): leave no worker, API or PostgreSQL cluster behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the worker, the API and the throwaway PostgreSQL`);
      env.abort();
      process.exit(130);
    });
  }
  const summary: Array<{ name: string; ok: boolean; seconds: number; tallies: Record<string, number | string> }> = [];
  try {
    for (const fault of chosen) {
      const began = Date.now();
      log(`── ${fault.name}: ${fault.what}`);
      const crashesBefore = env.worker.crashes.length + env.api.crashes.length;
      const w = await startWorkload(env, fault.name, contacts, fans, 20);
      log(
        `broadcast ${w.broadcastId} to ${contacts} contacts started; ${fans} fans' follow events posting (each 2–3 times, the first 10 times)`,
      );
      let injectError: unknown;
      await fault
        .inject(env, w, (line) => log(`  ${line}`))
        .catch((error: unknown) => {
          injectError = error;
        });
      if (injectError)
        log(`  fault injection failed: ${injectError instanceof Error ? injectError.message : String(injectError)}`);
      const outcome = await settleAndCheck(env, w, 300_000);
      w.detach();
      const seconds = Math.round((Date.now() - began) / 1000);
      for (const line of outcome.lines) log(`  ${line}`);
      // A process that died on its own was restarted by the supervisor (as in production); say so loudly.
      const crashes = [
        ...env.worker.crashes.map((c) => ({ ...c, who: 'worker' })),
        ...env.api.crashes.map((c) => ({ ...c, who: 'api' })),
      ].filter((c) => c.at >= began);
      outcome.tallies.selfCrashes = env.worker.crashes.length + env.api.crashes.length - crashesBefore;
      for (const c of crashes)
        log(
          `  WARN the ${c.who} process died on its own (restarted by the supervisor): ${c.output.split('\n').find((l) => /^\s*\w*Error\b.*:/.test(l)) ?? c.output.slice(-300)}`,
        );
      const ok = outcome.ok && !injectError;
      log(
        `${ok ? 'PASS' : 'FAIL'} ${fault.name} in ${seconds} s — ${Object.entries(outcome.tallies)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
      if (!ok) log(`worker output:\n${env.worker.tail()}\napi output:\n${env.api.tail()}`);
      summary.push({ name: fault.name, ok, seconds, tallies: outcome.tallies });
    }
  } finally {
    await env.close();
  }
  log('summary');
  console.table(
    Object.fromEntries(
      summary.map((s) => [s.name, { result: s.ok ? 'PASS' : 'FAIL', seconds: s.seconds, ...s.tallies }]),
    ),
  );
  log(
    `${summary.filter((s) => s.ok).length}/${summary.length} faults survived exactly-once in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return summary.every((s) => s.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`faults: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
