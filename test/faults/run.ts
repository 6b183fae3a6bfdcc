// `./herald faults`: each fault while three broadcasts (WeCom agent message, WeChat template, email)
// and a real-time journey are sending; then four-source tallies and "people who received a message
// twice" per method from the sandbox's counts; then the journey faults (journey-faults.ts), each on a
// journey of its own. Options: --contacts N (agent, 40000), --templates N (8000), --emails N (1500),
// --fans N (300), --journey N (20000, the wait → split journey), --occurrence N (10000, each occurrence
// of the repeating schedule), --only a,b (fault names), --no-record, --cluster (the production shape:
// cluster-env.ts, cluster-faults.ts; without the journey faults).
// A scenario passes when the fault landed mid-send, no process died on its own, and every check held.
import { parseArgs } from 'node:util';
import { commandLine, recordRun, startRun, type Figure } from '../bench/results';
import { renderBenchmarks } from '../bench/render-benchmarks';
import { startFaultEnv, type FaultEnv } from './env';
import { faults as devFaults, type Injection } from './faults';
import { startClusterFaultEnv } from './cluster-env';
import { clusterFaults } from './cluster-faults';
import { journeyChecks, settle, tallyBroadcast, type BroadcastTally, type Check } from './tallies';
import { startWorkload, where } from './workload';
import { journeyFaults, type JourneyFault, type JourneyOutcome } from './journey-faults';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '40000' },
    templates: { type: 'string', default: '8000' },
    emails: { type: 'string', default: '1500' },
    fans: { type: 'string', default: '300' },
    journey: { type: 'string', default: '20000' },
    occurrence: { type: 'string', default: '10000' },
    only: { type: 'string' },
    'no-record': { type: 'boolean', default: false },
    cluster: { type: 'boolean', default: false },
  },
});
const faults = values.cluster ? clusterFaults : devFaults;
const sizes = {
  agent: Number(values.contacts),
  template: Number(values.templates),
  email: Number(values.emails),
  fans: Number(values.fans),
};
const journeySizes = { journey: Number(values.journey), occurrence: Number(values.occurrence) };
const pick = <T extends { name: string }>(list: T[]) =>
  values.only ? list.filter((f) => values.only!.split(',').includes(f.name)) : list;
const chosen = pick(faults);
const chosenJourneys = values.cluster ? [] : pick(journeyFaults);
const started = Date.now();
const stamp = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`;
const log = (line: string) => process.stdout.write(`${stamp()}  ${line}\n`);

/** The fault struck mid-send: every broadcast between 5% and 95% when it first struck, and it struck at least once. */
function landed(injection: Injection): Check[] {
  const at = Object.entries(injection.progressAt);
  return [
    {
      text:
        `landed mid-send: ${at.map(([m, p]) => `${m} ${Math.round(p * 100)}%`).join(', ') || 'never struck'} ` +
        'at the first strike (each between 5% and 95%)',
      ok: at.length > 0 && at.every(([, p]) => p >= 0.05 && p <= 0.95),
    },
    {
      text: `struck: ${injection.kills} kills or stops, ${injection.errors} injected provider errors`,
      ok: injection.kills + injection.errors >= 1,
    },
    ...injection.missed.map((m) => ({ text: `the fault waited in vain for ${m}`, ok: false })),
  ];
}

/** One journey fault on its own journey: its checks, beside whether any process died on its own. */
async function runJourneyFault(
  env: FaultEnv,
  fault: JourneyFault,
  run: ReturnType<typeof startRun>,
  twice: Map<string, number>,
): Promise<Record<string, Figure>> {
  const began = Date.now();
  log(`── ${fault.name}: ${fault.what}`);
  const crashesBefore = env.worker.crashes.length + env.api.crashes.length;
  let outcome: JourneyOutcome;
  try {
    outcome = await fault.run(env, journeySizes, (line) => log(`  ${line}`));
  } catch (error) {
    const why = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const text = `the scenario itself failed: ${why}`;
    outcome = { checks: [{ text, ok: false }], row: {}, receivedTwice: 0, carriedTwice: 0 };
  }
  const selfCrashes = env.worker.crashes.length + env.api.crashes.length - crashesBefore;
  const checks = [...outcome.checks, { text: `no process died on its own: ${selfCrashes}`, ok: selfCrashes === 0 }];
  for (const c of checks) log(`  ${c.ok ? 'ok   ' : 'FAIL '} ${c.text}`);
  const ok = checks.every((c) => c.ok);
  const seconds = Math.round((Date.now() - began) / 1000);
  twice.set('journey', (twice.get('journey') ?? 0) + outcome.receivedTwice);
  log(
    `  people who received a journey message twice: ${outcome.receivedTwice} ` +
      `(carried twice, raw: ${outcome.carriedTwice})`,
  );
  log(`${ok ? 'PASS' : 'FAIL'} ${fault.name} in ${seconds} s`);
  if (!ok) log(`worker output:\n${env.worker.tail()}\napi output:\n${env.api.tail()}`);
  run.check(
    `${fault.name}: ${
      checks
        .filter((c) => !c.ok)
        .map((c) => c.text)
        .join('; ') || 'every check held'
    }`,
    ok,
  );
  return {
    scenario: fault.name,
    result: ok ? 'pass' : 'FAIL',
    seconds,
    ...outcome.row,
    'died on its own': selfCrashes,
  };
}

async function main(): Promise<number> {
  if (chosen.length + chosenJourneys.length === 0)
    throw new Error(
      `no fault named ${values.only}; choose from ${[...faults, ...journeyFaults].map((f) => f.name).join(', ')}`,
    );
  const run = startRun('faults');
  const env = values.cluster ? await startClusterFaultEnv(log) : await startFaultEnv(log);
  // Interrupted (Ctrl-C, timeout) or crashed: leave no worker, API or PostgreSQL cluster behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the worker, the API and the throwaway PostgreSQL`);
      env.abort();
      process.exit(130);
    });
  }
  process.once('uncaughtException', (error) => {
    log(`the suite itself failed: ${error.stack ?? error.message}; stopping the worker, the API and PostgreSQL`);
    env.abort();
    process.exit(1);
  });
  const rows: Array<Record<string, Figure>> = [];
  const twice = new Map<string, number>();
  try {
    for (const fault of chosen) {
      const began = Date.now();
      log(`── ${fault.name}: ${fault.what}`);
      const crashesBefore = env.worker.crashes.length + env.api.crashes.length;
      const w = await startWorkload(env, fault.name, sizes, 20);
      log(
        `broadcasts started: ${w.broadcasts.map((b) => `${b.label} to ${b.audience}`).join(', ')}; ` +
          `${w.fans} fans' follow events posting (each 2–3 times, the first 10 times)`,
      );
      // Where the sends stand every 10 s, until the tallies.
      const ticker = setInterval(() => log(`  … ${where(w)}`), 10_000);
      let injection: Injection;
      try {
        injection = await fault.inject(env, w, (line) => log(`  ${line}`));
      } catch (error) {
        injection = {
          progressAt: {},
          kills: 0,
          errors: 0,
          timedOut: 0,
          missed: [`its injection, which failed: ${String(error)}`],
        };
      }
      await settle(env, w, 300_000);
      clearInterval(ticker);
      w.detach();
      const tallies: BroadcastTally[] = [];
      const checks: Check[] = [...landed(injection)];
      for (const b of w.broadcasts) {
        const { tally, checks: more } = await tallyBroadcast(env, b, injection);
        tallies.push(tally);
        checks.push(...more);
      }
      const journey = await journeyChecks(env, w);
      checks.push(...journey.checks);
      // A process that died on its own was restarted by the supervisor (as in production), but it is a failure.
      const crashes = [
        ...env.worker.crashes.map((c) => ({ ...c, who: 'worker' })),
        ...env.api.crashes.map((c) => ({ ...c, who: 'api' })),
      ].filter((c) => c.at >= began);
      const selfCrashes = env.worker.crashes.length + env.api.crashes.length - crashesBefore;
      checks.push({ text: `no process died on its own: ${selfCrashes}`, ok: selfCrashes === 0 });
      for (const c of crashes)
        log(
          `  the ${c.who} process died on its own: ` +
            (c.output.split('\n').find((l) => /^\s*\w*Error\b.*:/.test(l)) ?? c.output.slice(-300)),
        );
      for (const c of checks)
        log(`  ${c.ok ? 'ok   ' : c.known ? 'KNOWN' : 'FAIL '} ${c.text}${!c.ok && c.known ? ` — ${c.known}` : ''}`);
      const ok = checks.every((c) => c.ok || c.known);
      const seconds = Math.round((Date.now() - began) / 1000);
      const perMethod = (t: BroadcastTally) => {
        twice.set(t.method, (twice.get(t.method) ?? 0) + t.receivedTwice);
        const agree = [t.ledgerSent, t.countersSent, t.apiSent, t.sandboxPeople].every((n) => n === t.ledgerSent);
        return {
          [`${t.method} sent`]: agree
            ? t.ledgerSent
            : `${t.ledgerSent}/${t.countersSent}/${t.apiSent}/${t.sandboxPeople}`,
          [`${t.method} received twice`]: t.receivedTwice
            ? `${t.receivedTwice} (${t.extraMessages} extra, at most ${t.mostCopies} each)`
            : 0,
          [`${t.method} carried twice (raw)`]: t.carriedTwice,
        };
      };
      twice.set('welcome', (twice.get('welcome') ?? 0) + journey.figures.welcomeTwice!);
      log(
        `  people who received a message twice: ` +
          [...tallies.map((t) => `${t.method} ${t.receivedTwice}`), `welcome ${journey.figures.welcomeTwice}`].join(
            ', ',
          ),
      );
      log(`${ok ? 'PASS' : 'FAIL'} ${fault.name} in ${seconds} s`);
      if (!ok) log(`worker output:\n${env.worker.tail()}\napi output:\n${env.api.tail()}`);
      run.check(
        `${fault.name}: ${
          checks
            .filter((c) => !c.ok && !c.known)
            .map((c) => c.text)
            .join('; ') || 'every check held'
        }`,
        ok,
      );
      rows.push({
        scenario: fault.name,
        result: ok ? 'pass' : 'FAIL',
        seconds,
        'progress at the first strike': Object.entries(injection.progressAt)
          .map(([m, p]) => `${m} ${Math.round(p * 100)}%`)
          .join(', '),
        'kills, errors': `${injection.kills}, ${injection.errors}`,
        ...Object.assign({}, ...tallies.map(perMethod)),
        'welcomes received twice': journey.figures.welcomeTwice!,
        'events = entries':
          journey.figures.events === journey.figures.entries
            ? journey.figures.events!
            : `${journey.figures.events}/${journey.figures.entries}`,
        'webhook posts (retries)': `${journey.figures.webhookPosts} (${journey.figures.postRetries})`,
        'died on its own': selfCrashes,
      });
    }
    for (const fault of chosenJourneys) rows.push(await runJourneyFault(env, fault, run, twice));
  } finally {
    await env.close();
  }
  const passed = rows.filter((r) => r.result === 'pass').length;
  const summary = [...twice].map(([m, n]) => `${m} ${n}`).join(', ');
  log('summary');
  console.table(Object.fromEntries(rows.map(({ scenario, ...rest }) => [String(scenario), rest])));
  log(`people who received a message twice, over all scenarios: ${summary}`);
  log(`${passed}/${rows.length} scenarios passed in ${Math.round((Date.now() - started) / 1000)} s`);
  if (!values['no-record']) {
    recordRun(
      run,
      commandLine('faults'),
      {
        shape: values.cluster ? 'cluster' : 'dev',
        scenarios: rows.length,
        passed,
        seconds: Math.round((Date.now() - started) / 1000),
        ...sizes,
        twiceByMethod: summary,
      },
      rows,
    );
    log(`rendered ${renderBenchmarks()}`);
  }
  return passed === rows.length ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`faults: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
