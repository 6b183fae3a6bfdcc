// Gauges read from counts the database already keeps, at scrape time: sends by method and outcome
// (node counters), recent skips by reason, the real-time entry backlog, runs by status. Every API
// replica reports the same numbers (they come from the one database): aggregate them with max().
import { Gauge, type Registry } from 'prom-client';
import {
  entryBacklog,
  recentSkipsByReason,
  runsByStatus,
  sendTotalsByMethod,
  type EntryBacklog,
  type HeraldDb,
  type SendTotals,
  type SkipCount,
} from '@herald/db';

interface Snapshot {
  sends: SendTotals[];
  skips: SkipCount[];
  backlog: EntryBacklog;
  runs: Array<{ kind: string; status: string; count: number }>;
}

/** Registers the database gauges in `registry`; one read per scrape, shared by every gauge (cached 5 s). */
export function registerDbMetrics(registry: Registry, db: HeraldDb): void {
  let cached: { at: number; snapshot: Promise<Snapshot> } | undefined;
  const read = (): Promise<Snapshot> => {
    if (cached && Date.now() - cached.at < 5000) return cached.snapshot;
    const snapshot = (async () => ({
      sends: await sendTotalsByMethod(db),
      skips: await recentSkipsByReason(db),
      backlog: await entryBacklog(db),
      runs: await runsByStatus(db),
    }))();
    cached = { at: Date.now(), snapshot };
    snapshot.catch(() => (cached = undefined)); // a failed read is retried at the next scrape
    return snapshot;
  };

  new Gauge({
    name: 'herald_sends',
    help:
      'Recipients processed since the beginning, by channel method and outcome (sent, failed, skipped): the node ' +
      'counters kept in the database. Use rate() over it.',
    labelNames: ['method', 'outcome'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of (await read()).sends)
        for (const outcome of ['sent', 'failed', 'skipped'] as const)
          this.set({ method: s.method, outcome }, s[outcome]);
    },
  });
  new Gauge({
    name: 'herald_skips_last_hour',
    help:
      'Deliveries skipped in the last hour, by method and reason (quota_day, quota_month, window_closed, ' +
      'frequency_cap, …).',
    labelNames: ['method', 'reason'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of (await read()).skips) this.set({ method: s.method, reason: s.reason }, s.count);
    },
  });
  new Gauge({
    name: 'herald_entry_backlog',
    help: 'Real-time journey entries queued for Temporal (accepted, not yet started): lag, not loss.',
    registers: [registry],
    async collect() {
      this.set((await read()).backlog.queued);
    },
  });
  new Gauge({
    name: 'herald_entry_backlog_oldest_seconds',
    help: 'How long the oldest queued journey entry has waited (0 when none is queued).',
    registers: [registry],
    async collect() {
      this.set((await read()).backlog.oldestSeconds);
    },
  });
  new Gauge({
    name: 'herald_events_unprocessed',
    help: 'Inbound events stored but not yet matched to journeys.',
    registers: [registry],
    async collect() {
      this.set((await read()).backlog.unprocessedEvents);
    },
  });
  new Gauge({
    name: 'herald_runs',
    help: 'Runs by kind (broadcast, journey) and status.',
    labelNames: ['kind', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await read()).runs) this.set({ kind: r.kind, status: r.status }, r.count);
    },
  });
}
