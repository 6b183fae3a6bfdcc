// Faults struck while a journey, not a broadcast, is moving its contacts: the worker SIGKILLed while
// 20,000 contacts wait between their first message and a split, and again while the split's branches
// send; the Temporal server restarted during an occurrence of a repeating schedule. Each is set up
// through the API only and checked at the sandbox's raw count, in the ledger and in the API.
import { Connection, Client } from '@temporalio/client';
import type { Figure } from '../bench/results';
import type { FaultEnv } from './env';
import type { Check } from './tallies';
import {
  agentStep,
  importTagged,
  ledgerOf,
  messageChecks,
  runsOf,
  statsOf,
  unsettledRows,
  until,
  watchMessages,
  wecomAccount,
  type Watched,
} from './journey-watch';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a journey scenario found: its checks, its row in the record, people messaged twice per message. */
export interface JourneyOutcome {
  checks: Check[];
  row: Record<string, Figure>;
  receivedTwice: number;
  carriedTwice: number;
}

export interface JourneyFault {
  name: string;
  what: string;
  run(env: FaultEnv, sizes: JourneySizes, log: (line: string) => void): Promise<JourneyOutcome>;
}

export interface JourneySizes {
  /** Contacts of the wait → split journey (worker kills). */
  journey: number;
  /** Contacts of each occurrence of the repeating schedule (Temporal restart). */
  occurrence: number;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const percent = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;
const watch = (nodeId: string, account: string, content: string, expected: Iterable<string>): Watched => ({
  nodeId,
  filter: { channel: 'wecom', method: 'agent', account, content },
  expected: new Set(expected),
  calls: 0,
});

/** Sums the message checks of a scenario into its outcome's figures. */
function tallyMessages(
  env: FaultEnv,
  watched: Watched[],
  ledger: Awaited<ReturnType<typeof ledgerOf>>,
  stats: Record<string, { sent: number } | undefined>,
  kills: Array<Map<string, Set<string>>>,
) {
  const checks: Check[] = [];
  let carriedTwice = 0;
  let receivedTwice = 0;
  for (const w of watched) {
    const m = messageChecks(env, w, ledger.get(w.nodeId), stats[w.nodeId]?.sent, kills);
    checks.push(...m.checks);
    carriedTwice += m.carriedTwice;
    receivedTwice += m.receivedTwice;
  }
  return { checks, carriedTwice, receivedTwice };
}

/** Kills the worker, reads what it left unsettled while it is dead, restarts it; logs each step. */
async function killWorker(env: FaultEnv, journeyId: string, at: string, log: (line: string) => void) {
  await env.worker.kill('SIGKILL');
  const unsettled = await unsettledRows(env, journeyId);
  const open = [...unsettled].map(([node, s]) => `${node} ${s.size}`).join(', ') || 'none';
  log(`SIGKILL to the worker process group ${at}; rows it left unsettled: ${open}`);
  log(`worker restarted in ${await env.worker.start()} ms`);
  return unsettled;
}

const journeyWorkerKill: JourneyFault = {
  name: 'journey-worker-kill',
  what:
    'the worker SIGKILLed while 20,000 contacts wait 1 minute between their first message and a split on an ' +
    'attribute, and again while the two branches send, restarted each time',
  async run(env, sizes, log) {
    const name = 'jwk';
    const n = sizes.journey;
    const { id: account, corpId } = await wecomAccount(env, name);
    const user = (i: number) => `${name}-w${i}`;
    // Half the contacts gold, half silver, set at import: the split's answer is known for each.
    const tag = await importTagged(
      env,
      range(n).map((i) => ({
        externalId: `${name}-${i}`,
        name: `Guest ${i}`,
        identities: [{ kind: 'wecom_external_userid', value: user(i) }],
        tags: [`journey ${name}`],
        attributes: { tier: i % 2 === 0 ? 'gold' : 'silver' },
      })),
      `journey ${name}`,
    );
    const texts = { hello: `Hello (${name})`, gold: `Gold offer (${name})`, silver: `Silver offer (${name})` };
    const hello = watch('hello', corpId, texts.hello, range(n).map(user));
    const gold = watch(
      'gold',
      corpId,
      texts.gold,
      range(n)
        .filter((i) => i % 2 === 0)
        .map(user),
    );
    const silver = watch(
      'silver',
      corpId,
      texts.silver,
      range(n)
        .filter((i) => i % 2 === 1)
        .map(user),
    );
    const watched = [hello, gold, silver];
    const sandbox = watchMessages(env, watched);
    const branches = () => gold.calls + silver.calls;
    const graph = {
      nodes: [
        {
          id: 'start',
          kind: 'audience',
          position: { x: 0, y: 0 },
          data: { audience: { kind: 'tags', mode: 'all', tagIds: [tag], excludeTagIds: [] } },
        },
        agentStep('hello', account, texts.hello, 150),
        { id: 'wait', kind: 'wait', position: { x: 0, y: 300 }, data: { duration: { amount: 1, unit: 'minutes' } } },
        {
          id: 'tier',
          kind: 'split',
          position: { x: 0, y: 450 },
          data: { mode: 'yes_no', condition: { kind: 'attribute', key: 'tier', op: 'eq', value: 'gold' } },
        },
        agentStep('gold', account, texts.gold, 600),
        agentStep('silver', account, texts.silver, 600),
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'hello' },
        { id: 'e2', source: 'hello', target: 'wait' },
        { id: 'e3', source: 'wait', target: 'tier' },
        { id: 'e4', source: 'tier', sourceHandle: 'yes', target: 'gold' },
        { id: 'e5', source: 'tier', sourceHandle: 'no', target: 'silver' },
      ],
      settings: { reentry: { mode: 'never' } },
    };
    const journeyId = (await env.call<{ id: string }>('POST', '/api/journeys', { name: `Tiers ${name}`, graph })).id;
    await env.call('POST', `/api/journeys/${journeyId}/publish`, {});
    const started = Date.now();
    log(`journey published: ${n} contacts → '${texts.hello}' → wait 1 minute → split on tier → gold | silver`);
    const where = () =>
      `hello ${hello.calls}/${n}, gold ${gold.calls}/${gold.expected.size}, silver ${silver.calls}/${silver.expected.size}`;
    const ticker = setInterval(() => log(`  … ${where()}`), 10_000);
    const checks: Check[] = [];
    const kills: Array<Map<string, Set<string>>> = [];
    try {
      // 1. Everyone's first message settled, everyone waiting, no branch yet: kill.
      const settled = await until(
        async () => hello.calls >= n && (await ledgerOf(env, journeyId)).get('hello')?.sent === n,
        180_000,
        250,
      );
      const waiting = (await statsOf(env, journeyId)).wait?.waiting ?? 0;
      const firstAt = `${Math.round((Date.now() - started) / 1000)} s after publishing, ${where()}, ${waiting} waiting`;
      checks.push({
        text: `kill 1 landed in the wait: first message settled for ${n} (${settled}), ${waiting} waiting, ${branches()} branch messages`,
        ok: settled && waiting === n && branches() === 0,
      });
      kills.push(await killWorker(env, journeyId, `at ${firstAt}`, log));
      // 2. The branches sending: kill again.
      const moving = await until(() => branches() >= Math.max(1, n * 0.05), 180_000);
      const secondAt = where();
      const share = branches() / n;
      checks.push({
        text: `kill 2 landed while the branches send: ${percent(branches(), n)} of their messages out`,
        ok: moving && share >= 0.05 && share <= 0.95,
      });
      kills.push(await killWorker(env, journeyId, `at ${secondAt}`, log));
      // 3. Until the run is over and the ledger closed (bounded), then late repeats would show.
      const done = await until(
        async () =>
          (await runsOf(env, journeyId))[0]?.status === 'completed' &&
          [...(await ledgerOf(env, journeyId)).values()].every((s) => s.open === 0),
        300_000,
        1000,
      );
      await sleep(1500);
      const [run] = await runsOf(env, journeyId);
      checks.push({ text: `the run ${run?.status ?? 'missing'} (within 300 s: ${done})`, ok: done });
      const ledger = await ledgerOf(env, journeyId);
      const stats = await statsOf(env, journeyId);
      const report = await env.call<{ funnel: { entered: number; sent: number } }>(
        'GET',
        `/api/journeys/${journeyId}/report`,
      );
      const m = tallyMessages(env, watched, ledger, stats, kills);
      checks.push(...m.checks);
      const ledgerSent = [...ledger.values()].reduce((a, s) => a + s.sent, 0);
      const s = (node: string) => stats[node] ?? { entered: 0, waiting: 0 };
      checks.push(
        {
          text:
            `API steps: wait entered ${s('wait').entered}, ${s('wait').waiting} waiting; split entered ` +
            `${s('tier').entered}, ${s('tier').waiting} there`,
          ok: s('wait').entered === n && s('wait').waiting === 0 && s('tier').entered === n && s('tier').waiting === 0,
        },
        {
          text:
            `API report: ${report.funnel.entered} entered, ${report.funnel.sent} sent; run counters ` +
            `${run?.sent ?? 0} sent of ${run?.total ?? 0}; ledger ${ledgerSent} sent`,
          ok:
            report.funnel.entered === n && report.funnel.sent === 2 * n && run?.sent === 2 * n && ledgerSent === 2 * n,
        },
      );
      log(`settled: ${where()}; run ${run?.status}`);
      return {
        checks,
        receivedTwice: m.receivedTwice,
        carriedTwice: m.carriedTwice,
        row: {
          'progress at the first strike': `kill 1 in the wait (${n} waiting), kill 2 at branches ${percent(share * n, n)}`,
          'kills, errors': `${kills.length}, 0`,
          'journey messages sent': `hello ${ledger.get('hello')?.sent}, gold ${ledger.get('gold')?.sent}, silver ${ledger.get('silver')?.sent}`,
          'journey carried twice (raw)': m.carriedTwice,
          'journey received twice': m.receivedTwice,
        },
      };
    } finally {
      clearInterval(ticker);
      sandbox.detach();
    }
  },
};

/** A daily schedule's time (HH:MM, UTC) at the first whole minute at least `leadMs` from now, and that instant. */
function nextMinute(leadMs: number): { time: string; at: number } {
  const at = Math.ceil((Date.now() + leadMs) / 60_000) * 60_000;
  return { time: new Date(at).toISOString().slice(11, 16), at };
}

const scheduleTrigger = (time: string, tag: string) => ({
  id: 'schedule',
  kind: 'schedule',
  position: { x: 0, y: 0 },
  data: {
    mode: 'recurring',
    every: 'day',
    time,
    timezone: 'UTC',
    audience: { kind: 'tags', mode: 'all', tagIds: [tag], excludeTagIds: [] },
  },
});

const scheduleTemporalRestart: JourneyFault = {
  name: 'schedule-temporal-restart',
  what:
    'the Temporal dev server stopped and started again after 3 s while an occurrence of a daily schedule sends ' +
    '(send → wait 1 minute → send); then a new version moves the time to the next minute, and that occurrence runs',
  async run(env, sizes, log) {
    const name = 'str';
    const n = sizes.occurrence;
    const { id: account, corpId } = await wecomAccount(env, name);
    const user = (i: number) => `${name}-w${i}`;
    const tag = await importTagged(
      env,
      range(n).map((i) => ({
        externalId: `${name}-${i}`,
        name: `Reader ${i}`,
        identities: [{ kind: 'wecom_external_userid', value: user(i) }],
        tags: [`schedule ${name}`],
      })),
      `schedule ${name}`,
    );
    const everyone = range(n).map(user);
    const texts = {
      first: `Morning news (${name})`,
      second: `Noon digest (${name})`,
      third: `Evening picks (${name})`,
    };
    const first = watch('first', corpId, texts.first, everyone);
    const second = watch('second', corpId, texts.second, everyone);
    const third = watch('third', corpId, texts.third, everyone);
    const watched = [first, second, third];
    const sandbox = watchMessages(env, watched);
    const where = () => `first ${first.calls}/${n}, second ${second.calls}/${n}, third ${third.calls}/${n}`;
    const ticker = setInterval(() => log(`  … ${where()}`), 10_000);
    const connection = await Connection.connect({ address: env.temporal.address });
    const checks: Check[] = [];
    const journey = async () =>
      env.call<{ nextRunAt: string | null }>('GET', `/api/journeys/${journeyId}`).then((j) => j.nextRunAt);
    let journeyId = '';
    try {
      const one = nextMinute(20_000);
      const graph = {
        nodes: [
          scheduleTrigger(one.time, tag),
          agentStep('first', account, texts.first, 150),
          { id: 'wait', kind: 'wait', position: { x: 0, y: 300 }, data: { duration: { amount: 1, unit: 'minutes' } } },
          agentStep('second', account, texts.second, 450),
        ],
        edges: [
          { id: 'e1', source: 'schedule', target: 'first' },
          { id: 'e2', source: 'first', target: 'wait' },
          { id: 'e3', source: 'wait', target: 'second' },
        ],
        settings: { reentry: { mode: 'never' } },
      };
      journeyId = (await env.call<{ id: string }>('POST', '/api/journeys', { name: `Daily ${name}`, graph })).id;
      await env.call('POST', `/api/journeys/${journeyId}/publish`, {});
      log(
        `daily schedule published for ${one.time} UTC: ${n} contacts → '${texts.first}' → wait 1 minute → '${texts.second}'`,
      );
      const planned = await until(async () => (await journey()) === new Date(one.at).toISOString(), 30_000, 250);
      checks.push({ text: `the API shows the first occurrence at ${one.time} UTC (${planned})`, ok: planned });

      // 1. The occurrence's first message going out: stop Temporal, start it again 3 s later.
      const sending = await until(() => first.calls >= Math.max(1, n * 0.05), one.at - Date.now() + 120_000);
      const strikeAt = where();
      const struck = first.calls;
      const stoppedAt = Date.now();
      await env.temporal.stop();
      const [occurrence] = await runsOf(env, journeyId);
      log(`temporal: stopped at ${strikeAt} (${where()} once stopped); occurrence run ${occurrence?.status}`);
      checks.push({
        text: `the restart landed during the occurrence: first message at ${percent(struck, n)} when struck, run ${occurrence?.status}`,
        ok: sending && occurrence?.status === 'running' && second.calls === 0,
      });
      await sleep(3000);
      await env.temporal.start();
      log(`temporal: back after ${Date.now() - stoppedAt} ms, at ${where()}`);
      const doneFirst = await until(
        async () => (await runsOf(env, journeyId))[0]?.status === 'completed',
        240_000,
        1000,
      );
      log(`first occurrence ${doneFirst ? 'completed' : 'not completed within 240 s'} at ${where()}`);
      const statsOne = await statsOf(env, journeyId);
      const tomorrow = new Date(one.at + 86_400_000).toISOString();
      const nextOne = await journey();
      const schedule = await new Client({ connection }).workflow.getHandle(`schedule/${journeyId}`).describe();
      checks.push({
        text:
          `after the restart the schedule workflow is ${schedule.status.name} and the API shows the next ` +
          `occurrence at ${nextOne} (tomorrow's: ${tomorrow})`,
        ok: schedule.status.name === 'RUNNING' && nextOne === tomorrow,
      });

      // 2. A new version at the next minute: the same schedule workflow runs its occurrence.
      const two = nextMinute(20_000);
      await env.call('PUT', `/api/journeys/${journeyId}/graph`, {
        graph: {
          nodes: [scheduleTrigger(two.time, tag), agentStep('third', account, texts.third, 150)],
          edges: [{ id: 'e1', source: 'schedule', target: 'third' }],
          settings: { reentry: { mode: 'never' } },
        },
      });
      await env.call('POST', `/api/journeys/${journeyId}/publish`, {});
      log(`version 2 published for ${two.time} UTC: '${texts.third}'`);
      const doneTwo = await until(
        async () => {
          const list = await runsOf(env, journeyId);
          return list.length >= 2 && list.every((r) => r.status === 'completed');
        },
        two.at - Date.now() + 180_000,
        1000,
      );
      await sleep(1500);
      const occurrences = await runsOf(env, journeyId);
      const statsTwo = await statsOf(env, journeyId);
      const report = await env.call<{ funnel: { entered: number; sent: number } }>(
        'GET',
        `/api/journeys/${journeyId}/report`,
      );
      const ledger = await ledgerOf(env, journeyId);
      const m = tallyMessages(env, watched, ledger, { ...statsOne, ...statsTwo }, []);
      const times = occurrences.map((r) => r.occurrenceAt?.toISOString().slice(11, 16) ?? '—');
      checks.push(
        {
          text:
            `occurrences: ${occurrences.map((r, i) => `${times[i]} ${r.status}, ${r.sent} sent of ${r.total}`).join('; ')} ` +
            `(expected ${one.time} and ${two.time}, ${2 * n} and ${n} sent of ${n})`,
          ok:
            doneTwo &&
            occurrences.length === 2 &&
            times[0] === one.time &&
            times[1] === two.time &&
            occurrences[0]!.sent === 2 * n &&
            occurrences[1]!.sent === n &&
            occurrences.every((r) => r.status === 'completed' && r.total === n),
        },
        ...m.checks,
        {
          text: `API steps of version 1: wait entered ${statsOne.wait?.entered}, ${statsOne.wait?.waiting} waiting`,
          ok: statsOne.wait?.entered === n && statsOne.wait?.waiting === 0,
        },
        {
          text: `API report: ${report.funnel.entered} entered, ${report.funnel.sent} sent (both occurrences)`,
          ok: report.funnel.entered === 2 * n && report.funnel.sent === 3 * n,
        },
      );
      log(`settled: ${where()}`);
      return {
        checks,
        receivedTwice: m.receivedTwice,
        carriedTwice: m.carriedTwice,
        row: {
          'progress at the first strike': `occurrence 1's first message ${percent(struck, n)}`,
          'kills, errors': '1, 0',
          'journey messages sent': `first ${ledger.get('first')?.sent}, second ${ledger.get('second')?.sent}, third ${ledger.get('third')?.sent}`,
          'journey carried twice (raw)': m.carriedTwice,
          'journey received twice': m.receivedTwice,
        },
      };
    } finally {
      clearInterval(ticker);
      sandbox.detach();
      await connection.close();
      // No occurrence tomorrow in a throwaway environment, and nothing left running.
      if (journeyId) await env.call('POST', `/api/journeys/${journeyId}/archive`, {}).catch(() => {});
    }
  },
};

export const journeyFaults: JourneyFault[] = [journeyWorkerKill, scheduleTemporalRestart];
