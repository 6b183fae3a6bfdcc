// The Temporal dev server restarted while an occurrence of a daily schedule sends (send → wait 1 minute →
// send), then a new version at the next minute: that occurrence runs on the same schedule workflow.
// A day is the model's shortest repeat, so the next occurrence is brought forward by publishing a new
// time, as a marketer would, rather than waited for.
import { Connection, Client } from '@temporalio/client';
import type { Check } from './tallies';
import { logStall } from './stall-log';
import {
  agentStep,
  importTagged,
  ledgerOf,
  runsOf,
  statsOf,
  until,
  watchMessages,
  wecomAccount,
} from './journey-watch';
import { percent, range, tallyMessages, watch, type JourneyFault } from './journey-scenario';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

/** Fault (b) of issue 21: a Temporal restart during an occurrence. */
export const scheduleTemporalRestart: JourneyFault = {
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
        `daily schedule published for ${one.time} UTC: ${n} contacts → '${texts.first}' → wait 1 minute → ` +
          `'${texts.second}'`,
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
        text:
          `the restart landed during the occurrence: first message at ${percent(struck, n)} when struck, ` +
          `run ${occurrence?.status}`,
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
      if (!doneFirst) await logStall(env, new Client({ connection }), log);
      const statsOne = await statsOf(env, journeyId);
      const tomorrow = new Date(one.at + 86_400_000).toISOString();
      // The schedule plans the next occurrence once its child run has ended: wait for it (bounded).
      let nextOne: string | null = null;
      await until(async () => (nextOne = await journey()) === tomorrow, 30_000, 250);
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
      // The report counts an agent message sent once its employee answered (until then it is with the
      // employee): wait for the answers, bounded.
      const reportOf = () =>
        env.call<{ funnel: { entered: number; sent: number } }>('GET', `/api/journeys/${journeyId}/report`);
      let report = await reportOf();
      await until(async () => (report = await reportOf()).funnel.sent >= 3 * n, 60_000, 1000);
      const ledger = await ledgerOf(env, journeyId);
      const m = tallyMessages(env, watched, ledger, { ...statsOne, ...statsTwo }, []);
      const times = occurrences.map((r) => r.occurrenceAt?.toISOString().slice(11, 16) ?? '—');
      const listed = occurrences.map((r, i) => `${times[i]} ${r.status}, ${r.sent} sent of ${r.total}`).join('; ');
      checks.push(
        {
          text: `occurrences: ${listed} ` + `(expected ${one.time} and ${two.time}, ${2 * n} and ${n} sent of ${n})`,
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
          'journey messages sent': ['first', 'second', 'third'].map((s) => `${s} ${ledger.get(s)?.sent}`).join(', '),
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
