// The real-time benchmark's load generator, on a thread of its own: posting a thousand signed callbacks
// a second costs a core's share of HTTP client work, which must not slow the sandbox (the platforms'
// side, on the main thread) or be mistaken for Herald's cost.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { followCallback } from './follow-callback';

/** What the main thread asks for: `events` follows of fans `ort-i`, open loop at `rate` a second. */
export interface PostLoad {
  apiUrl: string;
  wechat: string;
  events: number;
  rate: number;
  /** Posts open at once: beyond it a post waits (its latency still runs from its scheduled time). */
  maxInFlight: number;
}

/** What it answers: when post 0 was due (epoch ms), how long posting took, and why posts failed. */
export interface PostLoadResult {
  epoch0: number;
  postSeconds: number;
  failures: number;
  whyFailed: Array<[string, number]>;
}

const o = workerData as PostLoad;
let failures = 0;
const whyFailed = new Map<string, number>();
const failed = (why: string) => {
  failures++;
  whyFailed.set(why, (whyFailed.get(why) ?? 0) + 1);
};
const inflight = new Set<Promise<void>>();
const t0 = performance.now();
const epoch0 = Date.now();
// Open loop: event i is posted at t0 + i / rate, whatever the answers' pace (as providers do).
for (let i = 0; i < o.events; i++) {
  const wait = t0 + (i * 1000) / o.rate - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  while (inflight.size >= o.maxInFlight) await Promise.race(inflight);
  const { url, body } = followCallback(o.apiUrl, o.wechat, `ort-${i}`, `n${i}`);
  const p = fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body })
    .then(
      async (res) => {
        const text = await res.text();
        if (text !== 'success') failed(`${res.status} ${text.slice(0, 200)}`);
      },
      (error: unknown) => failed(String((error as Error).cause ?? error)),
    )
    .finally(() => inflight.delete(p));
  inflight.add(p);
}
await Promise.all(inflight);
const result: PostLoadResult = {
  epoch0,
  postSeconds: (performance.now() - t0) / 1000,
  failures,
  whyFailed: [...whyFailed],
};
parentPort!.postMessage(result);
