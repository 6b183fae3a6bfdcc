// Sends over time, drawn by Recharts (axes, ticks, tooltips and resizing come with it): the bucket
// size is picked so the span fits in at most 30 bars.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const steps = [1, 5, 15, 60, 300, 900, 3600, 6 * 3600, 86_400].map((s) => s * 1000);

/** Sends counted per bucket of time, from each recipient's send time. */
export function bucketSends(sentAt: readonly string[]): { start: number; step: number; counts: number[] } | null {
  const times = sentAt
    .map((t) => Date.parse(t))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (times.length === 0) return null;
  const first = times[0]!;
  const span = times[times.length - 1]! - first;
  const step = steps.find((s) => span / s < 30) ?? steps[steps.length - 1]!;
  const start = Math.floor(first / step) * step;
  // At least 12 bars, so a burst within one bucket reads as a burst rather than a wall.
  const counts = new Array<number>(Math.max(12, Math.floor((times[times.length - 1]! - start) / step) + 1)).fill(0);
  for (const t of times) counts[Math.floor((t - start) / step)]! += 1;
  return { start, step, counts };
}

const named: Record<number, string> = { 1000: 'second', 60_000: 'minute', 3_600_000: 'hour', 86_400_000: 'day' };
const stepLabel = (ms: number) =>
  named[ms] ?? (ms < 60_000 ? `${ms / 1000} s` : ms < 3_600_000 ? `${ms / 60_000} min` : `${ms / 3_600_000} h`);

/** The chart of sends over time; `partial` says the rows were the first page only. */
export function SendsChart({ sentAt, partial }: { sentAt: readonly string[]; partial: boolean }) {
  const buckets = bucketSends(sentAt);
  if (!buckets)
    return (
      <p className="muted chart-empty" data-testid="sends-chart-empty">
        Nothing sent yet.
      </p>
    );
  const { start, step, counts } = buckets;
  const max = Math.max(...counts);
  const time = (ms: number) => new Date(ms).toLocaleTimeString();
  const total = counts.reduce((a, b) => a + b, 0);
  const per = stepLabel(step);
  const summary =
    `${total} sends from ${time(start)} to ${time(start + counts.length * step)}, per ${per}; ` +
    `at most ${max} in one ${per}`;
  const data = counts.map((count, i) => ({ at: time(start + i * step), count }));
  return (
    <figure className="chart" data-testid="sends-chart" data-total={total}>
      <div role="img" aria-label={summary} style={{ width: '100%', height: 160 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e7ec" />
            <XAxis dataKey="at" tick={{ fontSize: 10, fill: '#6b7385' }} interval="preserveStartEnd" minTickGap={40} />
            <YAxis allowDecimals={false} width={36} tick={{ fontSize: 10, fill: '#6b7385' }} />
            <Tooltip formatter={(v) => [`${String(v)} sent`, `per ${stepLabel(step)}`]} />
            <Bar dataKey="count" fill="#4f46e5" radius={[2, 2, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">
        Sends per {stepLabel(step)}
        {partial ? ' (first 1,000 recipients)' : ''}
      </figcaption>
    </figure>
  );
}
