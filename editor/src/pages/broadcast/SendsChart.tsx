// Sends over time, drawn by Recharts (axes, ticks, tooltips and resizing come with it): the bucket
// size is picked so the span fits in at most 30 bars.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatTime } from '../../i18n/format';
import { i18n } from '../../i18n/i18n';

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

const named: Record<number, 'second' | 'minute' | 'hour' | 'day'> = {
  1000: 'second',
  60_000: 'minute',
  3_600_000: 'hour',
  86_400_000: 'day',
};
/** A bucket's size in words ("minute", "15 min"), in the editor's language. */
const stepLabel = (ms: number) => {
  const name = named[ms];
  if (name) return i18n.t(`broadcasts.chart.step.${name}`);
  if (ms < 60_000) return i18n.t('broadcasts.chart.step.seconds', { n: ms / 1000 });
  if (ms < 3_600_000) return i18n.t('broadcasts.chart.step.minutes', { n: ms / 60_000 });
  return i18n.t('broadcasts.chart.step.hours', { n: ms / 3_600_000 });
};

/** The chart of sends over time; `partial` says the rows were the first page only. */
export function SendsChart({ sentAt, partial }: { sentAt: readonly string[]; partial: boolean }) {
  const { t } = useTranslation();
  const buckets = bucketSends(sentAt);
  if (!buckets)
    return (
      <p className="muted chart-empty" data-testid="sends-chart-empty">
        {t('broadcasts.chart.none')}
      </p>
    );
  const { start, step, counts } = buckets;
  const max = Math.max(...counts);
  const time = (ms: number) => formatTime(ms);
  const total = counts.reduce((a, b) => a + b, 0);
  const per = stepLabel(step);
  const summary = t('broadcasts.chart.summary', {
    total: formatNumber(total),
    from: time(start),
    to: time(start + counts.length * step),
    per,
    max: formatNumber(max),
  });
  const data = counts.map((count, i) => ({ at: time(start + i * step), count }));
  return (
    <figure className="chart" data-testid="sends-chart" data-total={total}>
      <div role="img" aria-label={summary} style={{ width: '100%', height: 160 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e7ec" />
            <XAxis dataKey="at" tick={{ fontSize: 10, fill: '#6b7385' }} interval="preserveStartEnd" minTickGap={40} />
            <YAxis allowDecimals={false} width={36} tick={{ fontSize: 10, fill: '#6b7385' }} />
            <Tooltip
              formatter={(v) => [
                t('broadcasts.chart.sent', { n: formatNumber(Number(v)) }),
                t('broadcasts.chart.per', { per }),
              ]}
            />
            <Bar dataKey="count" fill="#4f46e5" radius={[2, 2, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">
        {t('broadcasts.chart.caption', { per })}
        {partial ? t('broadcasts.chart.partial', { n: formatNumber(1000) }) : ''}
      </figcaption>
    </figure>
  );
}
