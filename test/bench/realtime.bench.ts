// Benchmark 3 of the scale issue: real-time journeys. Follow webhooks (signed WeChat XML) posted at
// a steady rate to a whole Herald in its own process (as `./herald start`: API, drainer, worker,
// embedded Temporal dev server) on PostgreSQL or PGlite; each starts a journey whose customer-service
// welcome reaches the sandbox.
// Prints sustained journey starts/s, webhook-to-send latency p50/p99, and — in the same run, on
// the same server — the bare workflow rate, the physical limit of one workflow per entry.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Client } from '@temporalio/client';
import { sql } from '@herald/db';
import { historyEvents, startHeraldTarget, WELCOME_METHOD, type HeraldShape } from './herald-target';
import { diagnoseStall } from './stall-diagnosis';
import type { PostLoad, PostLoadResult } from './post-load.worker';
import type { Figure, startRun } from './results';

/** Posts open at once: beyond it a post waits (its latency still runs from its scheduled time). */
const MAX_IN_FLIGHT = 2000;
/** The poster's keep-alive connections to Herald: enough that answer time under load never caps the rate (64 did). */
const CONNECTIONS = 512;

export interface RealtimeBenchOptions {
  events: number;
  rate: number;
  bare: number;
  /** The embedded default (PGlite) instead of PostgreSQL. */
  embedded: boolean;
  shape: HeraldShape;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** Starts `n` bare workflows, 32 at a time, and waits for each; workflows/s. */
export async function bareRate(client: Client, taskQueue: string, n: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < n) {
        const i = next++;
        await client.workflow.execute('bareWorkflow', {
          taskQueue,
          workflowId: `bench-bare-${i}-${Date.now()}`,
          args: [],
        });
      }
    }),
  );
  return n / ((performance.now() - start) / 1000);
}

/**
 * The send pages Herald's worker recorded, by how (`first`, `careful`: a first attempt whose insert met rows
 * already written, `retry`), from its Prometheus metrics (`herald_send_pages_total`).
 */
async function sendPages(metricsUrls: string[]): Promise<{ pages: number; careful: number; retry: number }> {
  const text = (await Promise.all(metricsUrls.map(async (url) => (await fetch(url)).text()))).join('\n');
  const by = { pages: 0, careful: 0, retry: 0 };
  for (const m of text.matchAll(/^herald_send_pages_total\{([^}]*)\} (\d+)$/gm)) {
    by.pages += Number(m[2]);
    if (m[1]!.includes('path="careful"')) by.careful += Number(m[2]);
    if (m[1]!.includes('path="retry"')) by.retry += Number(m[2]);
  }
  return by;
}

/** Runs benchmark 3; prints the figures, checks every offered journey reached its send once, returns them. */
export async function realtimeBench(
  run: ReturnType<typeof startRun>,
  o: RealtimeBenchOptions,
): Promise<Record<string, Figure>> {
  const target = await startHeraldTarget({ embedded: o.embedded, shape: o.shape });
  const { sandbox, db } = target;
  try {
    await target.importFans(o.events, 'rt');
    const bare = await bareRate(target.client, target.taskQueue, o.bare);
    console.log(
      `raw limit, Temporal dev server: ${o.bare} bare workflows started and completed, 32 at a time: ` +
        `${bare.toFixed(0)} workflows/s`,
    );

    // Open loop: event i is posted at t0 + i / rate, whatever the answers' pace (as providers do).
    const load = await new Promise<PostLoadResult>((resolve, reject) => {
      const data: PostLoad = {
        apiUrl: target.herald.apiUrl,
        wechat: target.wechat,
        events: o.events,
        rate: o.rate,
        maxInFlight: MAX_IN_FLIGHT,
        connections: CONNECTIONS,
      };
      const worker = new Worker(new URL('./post-load.worker.mjs', import.meta.url), { workerData: data });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const { failures, postSeconds } = load;
    for (const [why, n] of load.whyFailed.slice(0, 5)) console.log(`  ${n} posts failed: ${why}`);
    const postedAt = (i: number) => load.epoch0 + (i * 1000) / o.rate;
    const deadline = Date.now() + Math.max(120_000, (o.events / Math.max(1, bare / 3)) * 2000);
    let last = -1;
    let stalledSince = Date.now();
    for (;;) {
      const n = sandbox.store.query({ method: WELCOME_METHOD }).length;
      if (n >= o.events || Date.now() > deadline) break;
      if (n !== last) {
        last = n;
        stalledSince = Date.now();
      } else if (Date.now() - stalledSince > 60_000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const sent = sandbox.store.query({ method: WELCOME_METHOD });
    const latencies = sent.map((m) => m.at - postedAt(Number(m.recipient.slice('ort-'.length)))).sort((a, b) => a - b);
    const lastSend = Math.max(...sent.map((m) => m.at));
    const firstPost = postedAt(0);
    const starts = sent.length / ((lastSend - firstPost) / 1000);
    const twice = sent.length - new Set(sent.map((m) => m.recipient)).size;
    // Where the time goes: webhook → entry queued (drainer), queued → entered by the run (PostgreSQL only:
    // the embedded database lives inside Herald).
    const [lag] = db
      ? ((await db.db.execute(sql`
      select percentile_cont(0.5) within group (order by extract(epoch from e.enqueued_at - i.received_at)) as queued,
             percentile_cont(0.5) within group (order by extract(epoch from e.started_at - e.enqueued_at)) as started
      from journey_entries e
      join inbound_events i on i.external_id = e.event_id and i.workspace_id = e.workspace_id`)) as unknown as Array<{
          queued: number;
          started: number;
        }>)
      : [];
    // … and entered → its welcome reaching the sandbox (the entry's time is the run's clock, about the wall's),
    // and stored → sent: from the callback's arrival at Herald, whatever the posting client's own delay (on a
    // loaded machine posts leave late, and latency from their planned time measures the client).
    const times = db
      ? ((await db.db.execute(sql`
      select ci.value as recipient, extract(epoch from e.started_at) * 1000 as at,
        extract(epoch from i.received_at) * 1000 as received
      from journey_entries e join contact_identities ci on ci.contact_id = e.contact_id
      join inbound_events i on i.external_id = e.event_id and i.workspace_id = e.workspace_id
      where e.started_at is not null`)) as unknown as Array<{ recipient: string; at: number; received: number }>)
      : [];
    const enteredAt = new Map(times.map((r) => [r.recipient, Number(r.at)]));
    const receivedAt = new Map(times.map((r) => [r.recipient, Number(r.received)]));
    const since = (from: Map<string, number>) =>
      sent
        .filter((m) => from.has(m.recipient))
        .map((m) => m.at - from.get(m.recipient)!)
        .sort((a, b) => a - b);
    const toSend = since(enteredAt);
    const storedToSend = since(receivedAt);
    const s = (ms: number) => (ms / 1000).toFixed(2);
    if (lag)
      console.log(
        `  medians: webhook → entry queued ${Number(lag.queued).toFixed(2)} s, ` +
          `queued → entered ${Number(lag.started).toFixed(2)} s, ` +
          `entered → sent ${s(pct(toSend, 0.5))} s (p99 ${s(pct(toSend, 0.99))} s); ` +
          `stored → sent p50 ${s(pct(storedToSend, 0.5))} s, p99 ${s(pct(storedToSend, 0.99))} s`,
      );
    // What Temporal stores per entry: the run workflows' history events (continue-as-new chains included).
    const history = await historyEvents(target.client, { byKind: true });
    const historyPer1000 = (history.events / Math.max(1, sent.length)) * 1000;
    console.log(
      `  Temporal: ${history.executions} executions, ${history.events.toLocaleString()} history events = ` +
        `${historyPer1000.toFixed(1)} per 1,000 entries`,
    );
    const ledger = await sendPages(target.herald.metricsUrls);
    console.log(
      `  send pages: ${ledger.pages.toLocaleString()} recorded, ${ledger.careful.toLocaleString()} first attempts ` +
        `took the careful path (their insert met rows already written: recorded again, read back), ` +
        `${ledger.retry.toLocaleString()} retries`,
    );
    const kinds = [...history.byKind].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`    by kind: ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    console.log(
      `posted ${o.events.toLocaleString()} follow webhooks at ${o.rate}/s in ${postSeconds.toFixed(1)} s ` +
        `(${failures} not answered "success")`,
    );
    console.log(
      `RESULT 3: ${sent.length.toLocaleString()} journeys reached their send (${twice} twice) ` +
        `at a sustained ${starts.toFixed(0)} journeys/s = ${((starts / bare) * 100).toFixed(0)}% ` +
        `of the bare workflow rate (${bare.toFixed(0)}/s); ` +
        `webhook-to-send p50 ${(pct(latencies, 0.5) / 1000).toFixed(2)} s, ` +
        `p99 ${(pct(latencies, 0.99) / 1000).toFixed(2)} s`,
    );
    // Done: every offered follow answered, and each one's journey reached its send exactly once.
    const people = new Set(sent.map((m) => m.recipient)).size;
    if (people < o.events)
      await diagnoseStall({
        client: target.client,
        apiGet: target.apiGet,
        journeyIds: [target.journeyId],
        log: target.herald.tail(),
      });
    const calls = [...sandbox.store.callsByRecipient({ method: WELCOME_METHOD }).values()].filter((c) => c > 1).length;
    run.check(`${o.events - failures} of ${o.events} webhooks answered "success"`, failures === 0);
    run.check(`${people} of ${o.events} journeys reached their send`, people === o.events);
    run.check(`${twice} welcomes arrived twice; calls carried ${calls} people twice (raw)`, twice === 0 && calls === 0);
    const round2 = (x: number) => Math.round(x * 100) / 100;
    return {
      events: o.events,
      rate: o.rate,
      bare: Math.round(bare),
      reached: people,
      twice,
      failures,
      perSec: Math.round(starts * 10) / 10,
      ratio: Math.round((starts / bare) * 1000) / 1000,
      p50: round2(pct(latencies, 0.5) / 1000),
      p99: round2(pct(latencies, 0.99) / 1000),
      queuedMedian: round2(Number(lag?.queued ?? NaN)),
      startedMedian: round2(Number(lag?.started ?? NaN)),
      historyPer1000: round2(historyPer1000),
      sendPages: ledger.pages,
      carefulPages: ledger.careful,
      database: o.embedded ? 'embedded' : 'postgres',
      shape: o.shape,
    };
  } finally {
    await target.close();
  }
}
