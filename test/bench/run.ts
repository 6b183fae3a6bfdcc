// `./herald bench [--contacts N] [--only ledger|variants|ingest|broadcast|journey|realtime|callbacks|canvas|segment]
// [--events 3000] [--rate 100] [--sizes 10000,100000,1000000] [--page N (default: what Herald uses for the method)]
// [--concurrency 4] [--no-mass] [--embedded] [--one-process] [--callbacks 20000] [--connections 200] [--opens 5]
// [--worker-heap 128 (MiB, the broadcast's and journey's worker; 0: uncapped)] [--note "…"] [--no-record] [--cluster]`:
// Herald's benchmarks, each against the physical limit measured in the same run. Each run is recorded
// (docs/benchmarks/runs/) and docs/BENCHMARKS.md is rendered again (`--no-record`: neither, for trying the harness
// itself); `--render` only renders.
// --cluster: the broadcast against `./herald cluster`'s shape (cluster-target.ts).
// Exits non-zero when a benchmark's own completeness checks failed (its figures describe unfinished work).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { broadcastPageSize } from '@herald/engine';
import { ingestBench } from './ingest.bench';
import { ledgerBench } from './ledger.bench';
import { variantsBench } from './variants.bench';
import { broadcastBench } from './broadcast.bench';
import { realtimeBench } from './realtime.bench';
import { canvasBench } from './canvas.bench';
import { segmentBench } from './segment.bench';
import { callbacksBench } from './callbacks.bench';
import { journeyBench } from './journey.bench';
import type { HeraldShape } from './herald-target';
import { commandLine, recordRun, startRun, type BenchName, type Figure } from './results';
import { renderBenchmarks } from './render-benchmarks';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
/** The options this file reads: a value after each of `valued`, none after `flags`. */
const valued = [
  '--bare',
  '--callbacks',
  '--concurrency',
  '--connections',
  '--contacts',
  '--events',
  '--note',
  '--only',
];
valued.push('--opens', '--page', '--rate', '--sizes', '--worker-heap');
const flags = ['--cluster', '--embedded', '--no-mass', '--no-record', '--one-process', '--render'];
/** The usage: this file's opening comment. */
const usage = () =>
  (/^((?:\/\/.*\n)+)/.exec(readFileSync(fileURLToPath(import.meta.url), 'utf8'))?.[1] ?? '').replace(/^\/\/ ?/gm, '');
// Help, or an option this file does not read, prints the usage instead of running every benchmark at a million
// contacts (`./herald bench --help` did, for minutes).
const given = process.argv.slice(2);
if (given.includes('--help') || given.includes('-h')) {
  console.log(usage());
  process.exit(0);
}
for (let i = 0; i < given.length; i++) {
  if (valued.includes(given[i]!)) i++;
  else if (!flags.includes(given[i]!)) {
    console.error(`./herald bench: unknown option ${given[i]!}\n\n${usage()}`);
    process.exit(2);
  }
}
if (process.argv.includes('--render')) {
  console.log(`rendered ${renderBenchmarks()}`);
  process.exit(0);
}
const contacts = Number(arg('--contacts') ?? 1_000_000);
const only = arg('--only');
const note = arg('--note');
const record = !process.argv.includes('--no-record');
const names: BenchName[] = [
  'ledger',
  'variants',
  'broadcast',
  'journey',
  'realtime',
  'callbacks',
  'ingest',
  'canvas',
  'segment',
];
/** --embedded: the real-time and callback benchmarks on the embedded default (PGlite), as `./herald start` runs. */
const embedded = process.argv.includes('--embedded');
const database = embedded ? 'the embedded default (PGlite)' : 'PostgreSQL';
/**
 * How Herald runs in those two: on the embedded default as `./herald start` does (one process: PGlite lives in
 * it); on PostgreSQL as production runs it — the API process and a `./herald worker` beside it — unless
 * `--one-process` asks for `./herald start`'s one process there too.
 */
const shape: HeraldShape = embedded || process.argv.includes('--one-process') ? 'one process' : 'API + worker';
const processes = shape === 'one process' ? 'one process' : 'the API and a worker process';
if (only && !names.includes(only as BenchName)) throw new Error(`--only takes one of ${names.join(', ')}`);
console.log(
  `Herald benchmarks on ${cpus().length} cores, ` +
    `PostgreSQL at ${process.env.TEST_DATABASE_URL ?? 'postgres://…@127.0.0.1:5432'}`,
);

const incomplete: string[] = [];
/** Runs one benchmark, records it (figures and checks), and notes when it did not do all its work. */
async function bench(
  name: BenchName,
  title: string,
  body: (
    run: ReturnType<typeof startRun>,
  ) => Promise<{ figures: Record<string, Figure>; rows?: Array<Record<string, Figure>> }>,
): Promise<void> {
  if (only && only !== name) return;
  console.log(`\n== ${title}`);
  const run = startRun(name);
  const { figures, rows } = await body(run);
  if (record) recordRun(run, commandLine('bench'), figures, rows, note);
  if (!run.checks.every((c) => c.ok)) incomplete.push(name);
}

await bench(
  'ledger',
  `ledger: resolve, reserve, record ${contacts.toLocaleString()} contacts (no provider call)`,
  async (run) => ({
    figures: await ledgerBench(run, contacts),
  }),
);
const variantContacts = Math.min(contacts, 200_000);
await bench(
  'variants',
  `variants: the ledger's rate with two message variants, and with a 10% holdout, against neither ` +
    `(${variantContacts.toLocaleString()} contacts, once per kind)`,
  async (run) => ({ figures: await variantsBench(run, variantContacts) }),
);
const sizes = [
  ...new Set(
    (arg('--sizes') ?? `10000,100000,${contacts}`)
      .split(',')
      .map(Number)
      .filter((n) => n > 0),
  ),
];
const audiences = sizes.map((n) => n.toLocaleString()).join(', ');
const broadcastShape = process.argv.includes('--cluster')
  ? 'the cluster (Temporal server on PostgreSQL, 2 worker processes)'
  : 'worker process + Temporal dev server';
await bench(
  'broadcast',
  `broadcast end to end: ${broadcastShape} + sandbox over HTTP (audiences ${audiences})`,
  async (run) =>
    broadcastBench(run, {
      sizes,
      pageSize: Number(arg('--page') ?? broadcastPageSize('wecom_group_msg')),
      concurrency: Number(arg('--concurrency') ?? 4),
      mass: !process.argv.includes('--no-mass'),
      heapMiB: Number(arg('--worker-heap') ?? 128),
      cluster: process.argv.includes('--cluster'),
      bare: Number(arg('--bare') ?? 1000),
    }),
);
await bench(
  'journey',
  'a batch journey (send → wait 1 day → split on read → reminder) on the time-skipping server, ' +
    `worker process + sandbox over HTTP (audiences ${audiences})`,
  async (run) =>
    journeyBench(run, {
      sizes,
      concurrency: Number(arg('--concurrency') ?? 4),
      heapMiB: Number(arg('--worker-heap') ?? 128),
    }),
);
const events = Number(arg('--events') ?? 3000);
const rate = Number(arg('--rate') ?? 100);
await bench(
  'realtime',
  `real-time journeys: ${events.toLocaleString()} follow webhooks at ${rate}/s ` +
    `through the whole Herald (API, drainer, worker, Temporal dev server; ${processes}) on ${database}`,
  async (run) => ({
    figures: await realtimeBench(run, { events, rate, bare: Number(arg('--bare') ?? 1000), embedded, shape }),
  }),
);
await bench(
  'callbacks',
  `signed WeChat follow callbacks, one per request, through the whole Herald (${processes}) on ${database}`,
  async (run) => ({
    figures: await callbacksBench(run, {
      callbacks: Number(arg('--callbacks') ?? 20_000),
      connections: Number(arg('--connections') ?? 200),
      embedded,
      shape,
    }),
  }),
);
await bench('ingest', 'ingestion: events accepted and stored durably (loopback, autocannon)', async (run) => ({
  figures: await ingestBench(run),
}));
await bench('canvas', 'the editor: a 500-node journey in chromium', async (run) => ({
  figures: await canvasBench(run, { opens: Number(arg('--opens') ?? 5) }),
}));
await bench(
  'segment',
  `segment count: a tag, an attribute and an event in 30 days over ${contacts.toLocaleString()} contacts`,
  async (run) => ({ figures: await segmentBench(run, contacts) }),
);
if (record) console.log(`\nrendered ${renderBenchmarks()}`);
if (incomplete.length > 0) console.log(`INCOMPLETE: ${incomplete.join(', ')} (see the failed checks above)`);
process.exit(incomplete.length > 0 ? 1 : 0);
