// The real-time benchmark's load generator, on a thread of its own: posting a thousand signed callbacks
// a second costs a share of a core in HTTP client work, which must not slow the sandbox (the platforms'
// side, on the main thread) or be mistaken for Herald's cost. It posts with node:http over a bounded pool
// of keep-alive connections, as a platform's callback servers do: `fetch` cost 0.6–1.0 ms of CPU a post here
// (a core at 1,000/s, on a 2-core machine that Herald shares) and, with a connection per post in flight,
// lost posts to the keep-alive race ("other side closed": a connection idle past the server's timeout on a
// starved machine); node:http 0.15 ms and none lost (same machine, same minute). Connections are not few: a
// closed pool caps posts at connections / answer time (64 gave 218/s in a storm whose answers took ~0.3 s).
import { Agent, request } from 'node:http';
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
  /** Keep-alive connections to Herald: posts beyond them queue in the client, their latency running. */
  connections: number;
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
const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
/** Posts `body` to `url` and resolves with the answer's status and text. */
const post = (url: string, body: string) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
const inflight = new Set<Promise<void>>();
const t0 = performance.now();
const epoch0 = Date.now();
// Open loop: event i is posted at t0 + i / rate, whatever the answers' pace (as providers do).
for (let i = 0; i < o.events; i++) {
  const wait = t0 + (i * 1000) / o.rate - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  while (inflight.size >= o.maxInFlight) await Promise.race(inflight);
  const { url, body } = followCallback(o.apiUrl, o.wechat, `ort-${i}`, `n${i}`);
  const p = post(url, body)
    .then(
      ({ status, text }) => {
        if (text !== 'success') failed(`${status} ${text.slice(0, 200)}`);
      },
      (error: unknown) => failed(String(error)),
    )
    .finally(() => inflight.delete(p));
  inflight.add(p);
}
await Promise.all(inflight);
agent.destroy();
const result: PostLoadResult = {
  epoch0,
  postSeconds: (performance.now() - t0) / 1000,
  failures,
  whyFailed: [...whyFailed],
};
parentPort!.postMessage(result);
