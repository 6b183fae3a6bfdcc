// `./herald bench [--contacts N] [--only ledger|ingest|broadcast|realtime] [--events 3000] [--rate 100] [--sizes 10000,100000,1000000]
// [--page N (default: what Herald uses for the method)] [--concurrency 4] [--no-mass] [--cluster]`: Herald's benchmarks, each against
// the physical limit measured in the same run. --cluster: the broadcast against `./herald cluster`'s shape (cluster-target.ts).
import { cpus } from 'node:os';
import { broadcastPageSize } from '@herald/engine';
import { ingestBench } from './ingest.bench';
import { ledgerBench } from './ledger.bench';
import { broadcastBench } from './broadcast.bench';
import { realtimeBench } from './realtime.bench';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const contacts = Number(arg('--contacts') ?? 1_000_000);
const only = arg('--only');
console.log(
  `Herald benchmarks on ${cpus().length} cores, PostgreSQL at ${process.env.TEST_DATABASE_URL ?? 'postgres://…@127.0.0.1:5432'}`,
);
if (!only || only === 'ledger') {
  console.log(`\n== ledger: resolve, reserve, record ${contacts.toLocaleString()} contacts (no provider call)`);
  await ledgerBench(contacts);
}
if (!only || only === 'broadcast') {
  const sizes = (arg('--sizes') ?? `10000,100000,${contacts}`)
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const pageSize = Number(arg('--page') ?? broadcastPageSize('wecom_group_msg'));
  const concurrency = Number(arg('--concurrency') ?? 4);
  console.log(
    `\n== broadcast end to end: ${process.argv.includes('--cluster') ? 'the cluster (Temporal server on PostgreSQL, 2 worker processes)' : 'worker process + Temporal dev server'} + sandbox over HTTP (audiences ${sizes.map((n) => n.toLocaleString()).join(', ')})`,
  );
  await broadcastBench({
    sizes: [...new Set(sizes)],
    pageSize,
    concurrency,
    mass: !process.argv.includes('--no-mass'),
    cluster: process.argv.includes('--cluster'),
    bare: Number(arg('--bare') ?? 1000),
  });
}
if (!only || only === 'realtime') {
  const events = Number(arg('--events') ?? 3000);
  const rate = Number(arg('--rate') ?? 100);
  console.log(
    `\n== real-time journeys: ${events.toLocaleString()} follow webhooks at ${rate}/s through the whole Herald (API, drainer, worker, Temporal dev server)`,
  );
  await realtimeBench({ events, rate, bare: Number(arg('--bare') ?? 1000) });
}
if (!only || only === 'ingest') {
  console.log('\n== ingestion: events accepted and stored durably (loopback, autocannon)');
  await ingestBench();
}
process.exit(0);
