// Sends over time as plain SVG bars: bucket size picked so the span fits in at most 30 bars.
const steps = [1, 5, 15, 60, 300, 900, 3600, 6 * 3600, 86_400].map((s) => s * 1000);
const width = 640;
const height = 140;
const pad = { left: 36, right: 8, top: 10, bottom: 22 };

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
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const barW = plotW / counts.length;
  const time = (ms: number) => new Date(ms).toLocaleTimeString();
  const total = counts.reduce((a, b) => a + b, 0);
  const summary = `${total} sends from ${time(start)} to ${time(start + counts.length * step)}, per ${stepLabel(step)}; at most ${max} in one ${stepLabel(step)}`;
  return (
    <figure className="chart" data-testid="sends-chart" data-total={total}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        <line x1={pad.left} y1={pad.top + plotH} x2={width - pad.right} y2={pad.top + plotH} stroke="#d0d5dd" />
        <text x={pad.left - 6} y={pad.top + 8} textAnchor="end" fontSize="10" fill="#6b7385">
          {max}
        </text>
        <text x={pad.left - 6} y={pad.top + plotH} textAnchor="end" fontSize="10" fill="#6b7385">
          0
        </text>
        {counts.map((c, i) => {
          const h = max ? (c / max) * plotH : 0;
          return (
            <rect
              key={i}
              x={pad.left + i * barW + 1}
              y={pad.top + plotH - h}
              width={Math.max(1, barW - 2)}
              height={h}
              fill="#4f46e5"
              rx="2"
            >
              <title>{`${time(start + i * step)}: ${c}`}</title>
            </rect>
          );
        })}
        <text x={pad.left} y={height - 6} fontSize="10" fill="#6b7385">
          {time(start)}
        </text>
        <text x={width - pad.right} y={height - 6} textAnchor="end" fontSize="10" fill="#6b7385">
          {time(start + counts.length * step)}
        </text>
      </svg>
      <figcaption className="muted">
        Sends per {stepLabel(step)}
        {partial ? ' (first 1,000 recipients)' : ''}
      </figcaption>
    </figure>
  );
}
