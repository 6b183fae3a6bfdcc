// Renders docs/BENCHMARKS.md from docs/benchmarks/template.md and the recorded runs
// (docs/benchmarks/runs/*.json): the summary takes each benchmark's latest complete run, each section
// lists every run of its benchmark. Nothing in a table is typed by hand, so they cannot disagree.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@herald/runtime';
import { runsDir, type BenchName, type Figure, type RunRecord } from './results';

type Column = [header: string, cell: (r: RunRecord) => string];

const n = (v: Figure | undefined, digits = 0): string =>
  typeof v === 'number' && Number.isFinite(v)
    ? v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '—';
const pct = (v: Figure | undefined): string => (typeof v === 'number' ? `${Math.round(v * 100)}%` : '—');
const percent = (v: Figure | undefined): string => (typeof v === 'number' ? `${n(v * 100, 1)}%` : '—');
const s = (v: Figure | undefined): string => (typeof v === 'number' ? `${n(v, 1)} s` : '—');
const f = (r: RunRecord, key: string): Figure | undefined => r.figures[key];
/** A real-time run offered a storm (more than 100 follows a second), not a steady stream: each has its own goal. */
const storm = (r: RunRecord) => Number(f(r, 'rate') ?? 0) > 100;

/** The database and how Herald ran on it (runs before 2026-12-01 recorded no shape: `./herald start`'s one process). */
const where = (r: RunRecord) => `${String(f(r, 'database') ?? 'postgres')}, ${String(f(r, 'shape') ?? 'one process')}`;

const common: Column[] = [
  ['date (UTC)', (r) => r.at.slice(0, 16).replace('T', ' ')],
  ['command', (r) => `\`${r.command}\``],
  ['commit', (r) => `\`${r.commit}\``],
  [
    'machine',
    (r) => `${r.machine.cores} cores, load ${r.machine.load.start} → ${r.machine.load.end} (${r.machine.note})`,
  ],
];
const complete: Column = [
  'complete',
  (r) =>
    r.complete
      ? 'yes'
      : `**no**: ${r.checks
          .filter((c) => !c.ok)
          .map((c) => c.what)
          .join('; ')}`,
];

/** Per benchmark: its section's columns, and its summary line (headline, limit, ratio, goal). */
const benches: Record<
  BenchName,
  { title: string; columns: Column[]; summary: (r: RunRecord) => [string, string, string, string] }
> = {
  ledger: {
    title: '§1 ledger, no provider call',
    columns: [
      ['contacts', (r) => n(f(r, 'contacts'))],
      ['raw INSERT', (r) => `${n(f(r, 'rawRowsPerSec'))} rows/s`],
      ['Herald', (r) => `${n(f(r, 'heraldPerSec'))} contacts/s`],
      ['ratio', (r) => pct(f(r, 'ratio'))],
    ],
    summary: (r) => [
      `${n(f(r, 'heraldPerSec'))} contacts/s (${n(f(r, 'contacts'))} contacts)`,
      `${n(f(r, 'rawRowsPerSec'))} rows/s INSERT`,
      pct(f(r, 'ratio')),
      '≥ 50%',
    ],
  },
  variants: {
    title: '§1b message variants (two at 50/50) and a 10% holdout against neither',
    columns: [
      ['contacts (once per kind)', (r) => n(f(r, 'contacts'))],
      ['without variants', (r) => `${n(f(r, 'plainPerSec'))} contacts/s`],
      ['two variants', (r) => `${n(f(r, 'variantsPerSec'))} contacts/s`],
      ['cost overall', (r) => percent(f(r, 'cost'))],
      ['cost, median of neighbouring page pairs', (r) => percent(f(r, 'pairedCost'))],
      ['10% holdout', (r) => (f(r, 'holdoutPerSec') === undefined ? '—' : `${n(f(r, 'holdoutPerSec'))} contacts/s`)],
      ['holdout cost overall', (r) => percent(f(r, 'holdoutCost'))],
      ['holdout cost, median of page pairs', (r) => percent(f(r, 'holdoutPairedCost'))],
    ],
    summary: (r) => [
      `${percent(f(r, 'pairedCost'))} of the ledger's rate (median of page pairs; ` +
        `${percent(f(r, 'cost'))} overall, ${n(f(r, 'contacts'))} contacts)` +
        (f(r, 'holdoutPairedCost') === undefined ? '' : `; a 10% holdout ${percent(f(r, 'holdoutPairedCost'))}`),
      `${n(f(r, 'plainPerSec'))} contacts/s without variants, same pages alternating`,
      '—',
      '≤ 5%',
    ],
  },
  broadcast: {
    title: '§3 broadcast end to end, to completed',
    columns: [
      ['shape', (r) => String(f(r, 'shape') ?? 'dev')],
      ['contacts', (r) => n(f(r, 'contacts'))],
      ['start → completed', (r) => `${s(f(r, 'completedSeconds'))} = ${n(f(r, 'perSecCompleted'))} /s`],
      ['send phase', (r) => `${s(f(r, 'sendSeconds'))} = ${n(f(r, 'perSecSend'))} /s`],
      ['raw INSERT', (r) => `${n(f(r, 'rawInsertRowsPerSec'))} rows/s`],
      ['raw HTTP', (r) => `${n(f(r, 'rawHttpPerSec'))} /s`],
      ['ratio (completed / lower raw)', (r) => pct(f(r, 'ratio'))],
      ['worker RSS', (r) => `${n(f(r, 'rssAt100k'))} MiB at 100k → ${n(f(r, 'peakRss'))} MiB`],
      ['WeChat mass', (r) => (f(r, 'massFans') ? `${n(f(r, 'massFans'))} fans in ${s(f(r, 'massSeconds'))}` : '—')],
    ],
    summary: (r) => [
      `${n(f(r, 'perSecCompleted'))} deliveries/s start → completed (${n(f(r, 'contacts'))} contacts, ` +
        `${s(f(r, 'completedSeconds'))}; send phase ${s(f(r, 'sendSeconds'))})`,
      `${n(f(r, 'rawInsertRowsPerSec'))} rows/s INSERT, 4 at once; HTTP ${n(f(r, 'rawHttpPerSec'))} /s`,
      pct(f(r, 'ratio')),
      '≥ 50%',
    ],
  },
  journey: {
    title: '§3b batch journey with a wait and a split',
    columns: [
      ['contacts', (r) => n(f(r, 'contacts'))],
      ['first message', (r) => `${n(f(r, 'firstPerSec'))} /s`],
      ['reminder (2 in 3)', (r) => `${n(f(r, 'reminderPerSec'))} /s`],
      // Since 2026-12-02 the raw INSERT is measured before and after the run, and the ratio is to their mean.
      [
        'raw INSERT',
        (r) =>
          `${n(f(r, 'rawInsertRowsPerSec'))} rows/s` +
          (f(r, 'rawInsertAfter') === undefined
            ? ''
            : ` (mean of ${n(f(r, 'rawInsertBefore'))} before and ${n(f(r, 'rawInsertAfter'))} after)`),
      ],
      ['ratio (slower step / raw)', (r) => pct(f(r, 'ratio'))],
      ['worker peak RSS', (r) => `${n(f(r, 'rssSmallest'))} MiB (smallest) → ${n(f(r, 'peakRss'))} MiB`],
      ['wall clock, history', (r) => `${s(f(r, 'wallSeconds'))}, ${n(f(r, 'historyEvents'))} events`],
    ],
    summary: (r) => [
      `send steps ${n(f(r, 'firstPerSec'))} /s and ${n(f(r, 'reminderPerSec'))} /s ` +
        `over ${n(f(r, 'contacts'))} contacts; ` +
        `worker ${n(f(r, 'rssSmallest'))} → ${n(f(r, 'peakRss'))} MiB`,
      `${n(f(r, 'rawInsertRowsPerSec'))} rows/s INSERT`,
      pct(f(r, 'ratio')),
      '≥ 40%, memory flat',
    ],
  },
  realtime: {
    title: '§4 real-time journeys',
    columns: [
      ['database, Herald', where],
      ['offered', (r) => `${n(f(r, 'events'))} at ${n(f(r, 'rate'))}/s`],
      ['bare workflows', (r) => `${n(f(r, 'bare'))} /s`],
      [
        'journeys reaching their send',
        (r) => `${n(f(r, 'reached'))} (${n(f(r, 'twice'))} twice), ${n(f(r, 'perSec'))} /s`,
      ],
      ['ratio', (r) => pct(f(r, 'ratio'))],
      ['p50 / p99 webhook → send', (r) => `${s(f(r, 'p50'))} / ${s(f(r, 'p99'))}`],
      ['history events / 1,000 entries', (r) => n(f(r, 'historyPer1000'), 1)],
    ],
    summary: (r) => [
      `${where(r)}: ${n(f(r, 'perSec'))} journeys/s reaching their send ` +
        `(${n(f(r, 'events'))} offered at ${n(f(r, 'rate'))}/s; p50/p99 ${s(f(r, 'p50'))} / ${s(f(r, 'p99'))}; ` +
        `${n(f(r, 'historyPer1000'), 1)} history events per 1,000)`,
      `${n(f(r, 'bare'))} bare workflows/s`,
      pct(f(r, 'ratio')),
      !storm(r)
        ? 'p99 ≤ 1 s at 100/s'
        : f(r, 'database') === 'embedded'
          ? '≥ 500/s'
          : '≥ 1,000/s, p99 ≤ 2 s; ≤ 50 events/1,000',
    ],
  },
  callbacks: {
    title: '§4b WeChat callbacks',
    columns: [
      ['database, Herald', where],
      ['raw Fastify "hello"', (r) => `${n(f(r, 'helloRps'))} req/s`],
      [
        'signed follows answered (new fans)',
        (r) => `${n(f(r, 'perSec'))} /s = ${pct(f(r, 'ratio'))}, p50 ${n(f(r, 'p50'))} ms, p99 ${n(f(r, 'p99'))} ms`,
      ],
      ['welcomed / answered', (r) => `${n(f(r, 'welcomed'))} / ${n(f(r, 'answered'))}`],
      ['backlog drained after', (r) => s(f(r, 'drainSeconds'))],
    ],
    summary: (r) => [
      `${where(r)}: ${n(f(r, 'perSec'))} callbacks/s answered, p99 ${n(f(r, 'p99'))} ms`,
      `${n(f(r, 'helloRps'))} req/s Fastify "hello"`,
      pct(f(r, 'ratio')),
      f(r, 'database') === 'embedded' ? '≥ 1,000/s, p99 ≤ 1 s' : '≥ 2,000/s, p99 ≤ 1 s',
    ],
  },
  ingest: {
    title: '§2 ingestion',
    columns: [
      ['raw Fastify "hello"', (r) => `${n(f(r, 'helloRps'))} req/s`],
      [
        'events, 1 per request (2xx only)',
        (r) => `${n(f(r, 'singlePerSec'))} /s = ${pct(f(r, 'singleRatio'))}, p99 ${n(f(r, 'singleP99'))} ms`,
      ],
      ['stored / answered 2xx', (r) => `${n(f(r, 'singleStored'))} / ${n(f(r, 'singleAccepted'))}`],
      ['events, 100 per request', (r) => `${n(f(r, 'batchPerSec'))} /s`],
      ['stored / answered 2xx', (r) => `${n(f(r, 'batchStored'))} / ${n(f(r, 'batchAccepted'))}`],
    ],
    summary: (r) => [
      `${n(f(r, 'singlePerSec'))} events/s stored, one per request`,
      `${n(f(r, 'helloRps'))} req/s Fastify "hello"`,
      pct(f(r, 'singleRatio')),
      '≥ 2,000/s',
    ],
  },
  canvas: {
    title: '§5 500-node journey in the browser',
    columns: [
      ['first open', (r) => `${n(f(r, 'firstMs'))} ms`],
      [
        'median of the opens',
        (r) => `${n(f(r, 'medianMs'))} ms (${n(f(r, 'opens'))} opens, best ${n(f(r, 'bestMs'))} ms)`,
      ],
      ['Fit', (r) => `${n(f(r, 'fitMs'))} ms`],
      [
        'on screen',
        (r) => `${n(f(r, 'drawn'))} cards, ${n(f(r, 'edges'))} edges, ${n(f(r, 'issues'))} problems listed`,
      ],
    ],
    summary: (r) => [`${n(f(r, 'medianMs'))} ms median open (first ${n(f(r, 'firstMs'))} ms)`, '—', '—', '< 1 s'],
  },
  segment: {
    title: '§7 segment count (tag + attribute + event in 30 days)',
    columns: [
      ['contacts', (r) => n(f(r, 'contacts'))],
      ['events', (r) => n(f(r, 'events'))],
      ['count (median of 3, warm)', (r) => `${n(f(r, 'countMs'))} ms`],
      ['one scan of each table read', (r) => `${n(f(r, 'scanMs'))} ms`],
      ['count / scan', (r) => `${n(f(r, 'ratio'), 1)}x`],
    ],
    summary: (r) => [
      `${n(f(r, 'countMs'))} ms (${n(f(r, 'contacts'))} contacts)`,
      `${n(f(r, 'scanMs'))} ms, one scan of each table read`,
      `${n(f(r, 'ratio'), 1)}x`,
      '≤ 1 s',
    ],
  },
  faults: {
    title: 'faults (`./herald faults`)',
    columns: [
      ['shape', (r) => String(f(r, 'shape') ?? 'dev')],
      ['scenarios passed', (r) => `${n(f(r, 'passed'))}/${n(f(r, 'scenarios'))}`],
      ['seconds', (r) => n(f(r, 'seconds'))],
      ['people who received a message twice', (r) => String(f(r, 'twiceByMethod') ?? '—')],
    ],
    summary: (r) => [
      `${n(f(r, 'passed'))}/${n(f(r, 'scenarios'))} scenarios; ` +
        `received twice: ${String(f(r, 'twiceByMethod') ?? '—')}`,
      '—',
      '—',
      'all pass, 0 twice',
    ],
  },
};

function table(columns: Column[], rows: RunRecord[]): string {
  const esc = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${columns.map(([h]) => h).join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${columns.map(([, cell]) => esc(cell(r))).join(' | ')} |`),
  ].join('\n');
}

/** The rows of a run (a fault run's scenarios, a broadcast run's sizes) as a table of their own keys. */
function rowsTable(rows: Array<Record<string, Figure>>): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: Figure | undefined) =>
    typeof v === 'number' ? n(v, Number.isInteger(v) ? 0 : 2) : String(v ?? '—');
  return [
    `| ${keys.join(' | ')} |`,
    `|${keys.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${keys.map((k) => cell(r[k]).replace(/\|/g, '\\|')).join(' | ')} |`),
  ].join('\n');
}

/** Every recorded run, oldest first. */
export function loadRuns(): RunRecord[] {
  if (!existsSync(runsDir)) return [];
  return readdirSync(runsDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(runsDir, file), 'utf8')) as RunRecord)
    .sort((a, b) => a.at.localeCompare(b.at));
}

function section(bench: BenchName, runs: RunRecord[]): string {
  const mine = runs.filter((r) => r.bench === bench).reverse();
  if (mine.length === 0) return '_No recorded run yet._';
  const spec = benches[bench];
  const parts = [table([...common, ...spec.columns, complete], mine)];
  const latest = mine[0]!;
  if (latest.rows?.length)
    parts.push(`Latest run (${latest.at.slice(0, 16).replace('T', ' ')} UTC), in detail:\n\n${rowsTable(latest.rows)}`);
  parts.push(`Checks of the latest run: ${latest.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.what}`).join('; ')}.`);
  return parts.join('\n\n');
}

function summary(runs: RunRecord[]): string {
  const order: BenchName[] = [
    'ledger',
    'variants',
    'broadcast',
    'journey',
    'realtime',
    'callbacks',
    'ingest',
    'canvas',
    'segment',
    'faults',
  ];
  // One line per benchmark, database and shape of Herald (the embedded default and PostgreSQL have their own goals;
  // on PostgreSQL one process and the API beside a worker process are each shown); real-time runs, a storm's and a
  // steady stream's apart.
  const latestOf = (bench: BenchName) => {
    const done = runs.filter((r) => r.bench === bench && r.complete);
    const shaped = bench === 'realtime' || bench === 'callbacks';
    const key = (r: RunRecord) =>
      `${String(r.figures.database ?? 'postgres')}|${shaped ? String(r.figures.shape ?? 'one process') : ''}|` +
      (bench === 'realtime' ? String(storm(r)) : '');
    return [...new Set(done.map(key))].map((k) => done.filter((r) => key(r) === k).at(-1)!);
  };
  const lines = order
    .flatMap((bench) => latestOf(bench))
    .flatMap((latest) => {
      const bench = latest.bench;
      const [herald, limit, ratio, goal] = benches[bench].summary(latest);
      return [
        `| ${benches[bench].title} | ${herald} | ${limit} | ${ratio} | ${goal} | ${latest.at.slice(0, 10)}, ` +
          `\`${latest.command}\` at \`${latest.commit}\`, load ${latest.machine.load.start} → ` +
          `${latest.machine.load.end} on ${latest.machine.cores} cores |`,
      ];
    });
  return [
    '| benchmark | Herald | limit measured in the same run | ratio | goal | run |',
    '|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');
}

/** Writes docs/BENCHMARKS.md from the template and the recorded runs; returns its path. */
export function renderBenchmarks(): string {
  const runs = loadRuns();
  const template = readFileSync(join(repoRoot, 'docs/benchmarks/template.md'), 'utf8');
  const out = template
    .replace('<!-- summary -->', summary(runs))
    .replace(/<!-- runs:(\w+) -->/g, (_m, bench: string) => section(bench as BenchName, runs));
  const target = join(repoRoot, 'docs/BENCHMARKS.md');
  writeFileSync(
    target,
    '<!-- Generated by ./herald bench --render from docs/benchmarks/template.md and docs/benchmarks/runs/*.json: ' +
      `edit those, not this file. -->\n${out}`,
  );
  return target;
}
