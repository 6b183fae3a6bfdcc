import { useEffect, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { journeyRoutes, type JourneyReport as Report } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

/** What a holdout comparison says, in a sentence. */
export function liftSentence(h: NonNullable<Report['holdout']>): string {
  const c = h.comparison;
  const groups =
    `Entered: ${h.treatment.total}, ${h.treatment.converted} converted (${pct(h.treatment.total ? h.treatment.converted / h.treatment.total : 0)}). ` +
    `Held out: ${h.holdout.total}, ${h.holdout.converted} converted (${pct(h.holdout.total ? h.holdout.converted / h.holdout.total : 0)}).`;
  if (!c) return groups;
  const lift =
    c.lift === null
      ? 'no lift to speak of yet (the holdout converted nobody)'
      : `lift ${c.lift >= 0 ? '+' : ''}${(c.lift * 100).toFixed(0)}%`;
  return `${groups} The journey's ${lift}; the difference is ${points(c.difference)} points (95% interval ${points(c.low)} to ${points(c.high)}), p = ${c.pValue.toFixed(3)}.`;
}

/** The journey's outcome over all its runs: the funnel, sends and conversions by day, the holdout's lift. */
export function JourneyReport({ journeyId, onClose }: { journeyId: string; onClose(): void }) {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () =>
      void call(journeyRoutes.report, { params: { id: journeyId } })
        .then(setReport)
        .catch((e: unknown) => setError(errorText(e)));
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [journeyId]);
  const f = report?.funnel;
  const funnel = f
    ? [
        { step: 'Entered', n: f.entered },
        { step: 'Sent', n: f.sent },
        { step: 'Delivered', n: f.delivered },
        { step: 'Read', n: f.read },
        { step: 'Converted', n: f.converted },
      ]
    : [];
  return (
    <aside className="report" aria-label="Journey report" data-testid="journey-report">
      <header>
        <h3>Report</h3>
        <button type="button" onClick={onClose} aria-label="Close the report">
          ×
        </button>
      </header>
      {error && <p className="error">{error}</p>}
      {f && (
        <>
          <p data-testid="funnel-words">
            {f.entered} entered → {f.sent} sent → {f.delivered} delivered → {f.read} read → {f.converted} converted
          </p>
          <div role="img" aria-label="Funnel" style={{ width: '100%', height: 160 }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={funnel} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e7ec" />
                <XAxis dataKey="step" tick={{ fontSize: 10, fill: '#6b7385' }} />
                <YAxis allowDecimals={false} width={36} tick={{ fontSize: 10, fill: '#6b7385' }} />
                <Tooltip />
                <Bar dataKey="n" fill="#4f46e5" radius={[2, 2, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          {report.days.length > 0 && (
            <div role="img" aria-label="Sends and conversions by day" style={{ width: '100%', height: 160 }}>
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={report.days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e7ec" />
                  <XAxis dataKey="day" tick={{ fontSize: 10, fill: '#6b7385' }} />
                  <YAxis allowDecimals={false} width={36} tick={{ fontSize: 10, fill: '#6b7385' }} />
                  <Tooltip />
                  <Legend />
                  <Line dataKey="sent" stroke="#4f46e5" isAnimationActive={false} />
                  <Line dataKey="converted" stroke="#16a34a" isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          )}
          {report.holdout && <p data-testid="lift">{liftSentence(report.holdout)}</p>}
        </>
      )}
    </aside>
  );
}
