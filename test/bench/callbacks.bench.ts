// Signed WeChat follow callbacks, one per request, as the platform posts them, against a whole Herald
// (API, drainer, worker, Temporal) with a follow → welcome journey published: callbacks answered per
// second and their p99 while the drainer empties the backlog, against raw Fastify "hello" measured in
// the same run with the same load generator. Every callback is a different fan (imported beforehand, as
// fans from a CSV), and every one answered must be welcomed once, counted at the sandbox.
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { startHeraldTarget, WELCOME_METHOD, type HeraldShape } from './herald-target';
import type { Figure, startRun } from './results';

export interface CallbacksBenchOptions {
  /** Callbacks posted, one per fan (imported beforehand, as fans from a CSV who now follow). */
  callbacks: number;
  connections: number;
  embedded: boolean;
  shape: HeraldShape;
}

/** Runs the callback benchmark; prints the figures, checks completeness, returns them. */
export async function callbacksBench(
  run: ReturnType<typeof startRun>,
  o: CallbacksBenchOptions,
): Promise<Record<string, Figure>> {
  const hello = Fastify();
  hello.post('/', async () => 'success');
  const helloUrl = await hello.listen({ host: '127.0.0.1', port: 0 });
  const raw = await autocannon({ url: helloUrl, method: 'POST', connections: o.connections, amount: o.callbacks });
  await hello.close();
  const rawRps = raw['2xx'] / raw.duration;
  console.log(`raw Fastify "hello": ${Math.round(rawRps).toLocaleString()} req/s (p99 ${raw.latency.p99} ms)`);

  const target = await startHeraldTarget({ embedded: o.embedded, shape: o.shape });
  try {
    await target.importFans(o.callbacks, 'cb');
    let n = 0;
    const wrong = { body: 0 };
    const result = await autocannon({
      url: target.herald.apiUrl,
      method: 'POST',
      connections: o.connections,
      amount: o.callbacks,
      headers: { 'content-type': 'text/xml' },
      requests: [
        {
          setupRequest: (req) => {
            const i = n++;
            const { url, body } = target.follow(`ocb-${i}`, `cb${i}`);
            return { ...req, path: new URL(url).pathname + new URL(url).search, body };
          },
          onResponse: (status, body) => {
            if (status === 200 && body !== 'success') wrong.body++;
          },
        },
      ],
    });
    const ok = result['2xx'];
    const rps = ok / result.duration;
    console.log(
      `signed follow callbacks, one per request, ${o.callbacks.toLocaleString()} on ${o.connections} connections: ` +
        `${Math.round(rps).toLocaleString()} /s = ${((rps / rawRps) * 100).toFixed(0)}% of raw "hello" ` +
        `(p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
        `${result.non2xx + result.errors} not 2xx, ${wrong.body} not "success")`,
    );
    // The backlog drains: every answered follow becomes a welcome (the sandbox's raw count).
    const offered = n;
    const deadline = Date.now() + 600_000;
    let last = -1;
    let stalledSince = Date.now();
    const drainStart = Date.now();
    for (;;) {
      const people = target.sandbox.store.query({ method: WELCOME_METHOD }).length;
      if (people >= ok || Date.now() > deadline) break;
      if (people !== last) {
        last = people;
        stalledSince = Date.now();
      } else if (Date.now() - stalledSince > 60_000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const drainSeconds = (Date.now() - drainStart) / 1000;
    const welcomed = new Set(target.sandbox.store.query({ method: WELCOME_METHOD }).map((m) => m.recipient)).size;
    const calls = [...target.sandbox.store.callsByRecipient({ method: WELCOME_METHOD }).values()].filter(
      (c) => c > 1,
    ).length;
    console.log(
      `  welcomed ${welcomed.toLocaleString()} fans, the last ${drainSeconds.toFixed(1)} s after the load stopped`,
    );
    run.check(
      `every callback answered 2xx "success" (${result.non2xx + result.errors + wrong.body} were not)`,
      result.non2xx + result.errors + wrong.body === 0,
    );
    // A request in flight when the load stopped may be stored without its answer counted: at most one a connection.
    run.check(`welcomed ${welcomed} for ${ok} answered (${offered} offered)`, welcomed === ok && ok === o.callbacks);
    run.check(`calls carried ${calls} fans twice (raw)`, calls === 0);
    return {
      database: o.embedded ? 'embedded' : 'postgres',
      shape: o.shape,
      helloRps: Math.round(rawRps),
      perSec: Math.round(rps),
      ratio: Math.round((rps / rawRps) * 1000) / 1000,
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      answered: ok,
      welcomed,
      drainSeconds: Math.round(drainSeconds * 10) / 10,
    };
  } finally {
    await target.close();
  }
}
