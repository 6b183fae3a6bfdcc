// The worker SIGKILLed while a journey's 20,000 contacts wait between their first message and a split on
// an attribute (set at import, so each contact's branch is known), and again while the branches send.
// They wait for an event the scenario posts once the worker is back, so the kill lands in the wait
// however long the first message takes to reach 20,000 on a busy machine (a timed wait of a minute
// had already ended for the first contacts when the last entered it).
import type { Check } from './tallies';
import { logUnanswered } from './stall-log';
import {
  agentStep,
  employeeAnswersOf,
  importTagged,
  ledgerOf,
  runsOf,
  statsOf,
  until,
  watchMessages,
  wecomAccount,
  type KillMark,
} from './journey-watch';
import { killWorker, percent, range, tallyMessages, watch, type JourneyFault } from './journey-scenario';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Fault (a) of issue 21: kills in the wait and in the branches' sends. */
export const journeyWorkerKill: JourneyFault = {
  name: 'journey-worker-kill',
  what:
    'the worker SIGKILLed while 20,000 contacts wait (for an event posted after the restart) between their ' +
    'first message and a split on an attribute, and again while the two branches send, restarted each time',
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
    const go = `go-${name}`;
    const graph = {
      nodes: [
        {
          id: 'start',
          kind: 'audience',
          position: { x: 0, y: 0 },
          data: { audience: { kind: 'tags', mode: 'all', tagIds: [tag], excludeTagIds: [] } },
        },
        agentStep('hello', account, texts.hello, 150),
        {
          id: 'wait',
          kind: 'wait_for_event',
          position: { x: 0, y: 300 },
          data: { eventName: go, timeout: { amount: 1, unit: 'days' }, filters: [] },
        },
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
        { id: 'e3', source: 'wait', sourceHandle: 'event', target: 'tier' },
        { id: 'e3t', source: 'wait', sourceHandle: 'timeout', target: 'tier' },
        { id: 'e4', source: 'tier', sourceHandle: 'yes', target: 'gold' },
        { id: 'e5', source: 'tier', sourceHandle: 'no', target: 'silver' },
      ],
      settings: { reentry: { mode: 'never' } },
    };
    const journeyId = (await env.call<{ id: string }>('POST', '/api/journeys', { name: `Tiers ${name}`, graph })).id;
    await env.call('POST', `/api/journeys/${journeyId}/publish`, {});
    const started = Date.now();
    log(`journey published: ${n} contacts → '${texts.hello}' → wait for '${go}' → split on tier → gold | silver`);
    const where = () =>
      `hello ${hello.calls}/${n}, gold ${gold.calls}/${gold.expected.size}, ` +
      `silver ${silver.calls}/${silver.expected.size}`;
    const ticker = setInterval(() => log(`  … ${where()}`), 10_000);
    const checks: Check[] = [];
    const kills: KillMark[] = [];
    try {
      // 1. Everyone's first message settled, everyone waiting, no branch yet: kill.
      const settled = await until(
        async () => hello.calls >= n && (await ledgerOf(env, journeyId)).get('hello')?.sent === n,
        600_000,
        250,
      );
      // A settled page moves its contacts on to the wait a moment later: the kill waits for the API to count
      // them all there (the app's own signal; nobody leaves before the event).
      let waiting = 0;
      await until(async () => (waiting = (await statsOf(env, journeyId)).wait?.waiting ?? 0) === n, 120_000, 250);
      const firstAt = `${Math.round((Date.now() - started) / 1000)} s after publishing, ${where()}, ${waiting} waiting`;
      checks.push({
        text:
          `kill 1 landed in the wait: first message settled for ${n} (${settled}), ${waiting} waiting, ` +
          `${branches()} branch messages`,
        ok: settled && waiting === n && branches() === 0,
      });
      kills.push(await killWorker(env, journeyId, `at ${firstAt}`, log));
      // The event every contact waits for, as the app's users would post it.
      for (let from = 0; from < n; from += 1000)
        await env.call('POST', '/api/events', {
          events: range(Math.min(1000, n - from)).map((i) => ({
            id: `${go}-${from + i}`,
            type: go,
            contact: { externalId: `${name}-${from + i}` },
          })),
        });
      log(`posted '${go}' for the ${n} contacts`);
      // 2. The branches sending: kill again.
      const moving = await until(() => branches() >= Math.max(1, n * 0.05), 600_000);
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
      // The report counts an agent message sent once its employee answered: wait for the answers, bounded.
      const reportOf = () =>
        env.call<{ funnel: { entered: number; sent: number } }>('GET', `/api/journeys/${journeyId}/report`);
      let report = await reportOf();
      await until(async () => (report = await reportOf()).funnel.sent >= 2 * n, 60_000, 1000);
      if (report.funnel.sent < 2 * n) await logUnanswered(env, journeyId, log);
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
      log(await employeeAnswersOf(env, journeyId));
      return {
        checks,
        receivedTwice: m.receivedTwice,
        carriedTwice: m.carriedTwice,
        row: {
          'progress at the first strike': `kill 1 in the wait (${n} waiting), kill 2 at branches ${percent(share, 1)}`,
          'kills, errors': `${kills.length}, 0`,
          'journey messages sent': ['hello', 'gold', 'silver'].map((s) => `${s} ${ledger.get(s)?.sent}`).join(', '),
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
