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
import { i18n } from '../i18n/i18n';
import { useTranslation } from 'react-i18next';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

/** What a holdout comparison says, in a sentence. */
export function liftSentence(h: NonNullable<Report['holdout']>): string {
  const c = h.comparison;
  const group = (g: { total: number; converted: number }) => ({
    total: g.total,
    converted: g.converted,
    rate: pct(g.total ? g.converted / g.total : 0),
  });
  const groups = i18n.t('canvas.reportPanel.groups', { entered: group(h.treatment), held: group(h.holdout) });
  if (!c) return groups;
  const lift =
    c.lift === null
      ? i18n.t('canvas.reportPanel.noLift')
      : i18n.t('canvas.reportPanel.lift', { lift: `${c.lift >= 0 ? '+' : ''}${(c.lift * 100).toFixed(0)}%` });
  return i18n.t('canvas.reportPanel.sentence', {
    groups,
    lift,
    difference: points(c.difference),
    low: points(c.low),
    high: points(c.high),
    p: c.pValue.toFixed(3),
  });
}

/** The journey's outcome over all its runs: the funnel, sends and conversions by day, the holdout's lift. */
export function JourneyReport({ journeyId, onClose }: { journeyId: string; onClose(): void }) {
  const [report, setReport] = useState<Report | null>(null);
  const { t } = useTranslation();
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
        { step: t('canvas.reportPanel.step.entered'), n: f.entered },
        { step: t('canvas.reportPanel.step.sent'), n: f.sent },
        { step: t('canvas.reportPanel.step.delivered'), n: f.delivered },
        { step: t('canvas.reportPanel.step.read'), n: f.read },
        { step: t('canvas.reportPanel.step.converted'), n: f.converted },
      ]
    : [];
  return (
    <aside className="report" aria-label={t('canvas.reportPanel.label')} data-testid="journey-report">
      <header>
        <h3>{t('canvas.reportPanel.title')}</h3>
        <button type="button" onClick={onClose} aria-label={t('canvas.reportPanel.close')}>
          ×
        </button>
      </header>
      {error && <p className="error">{error}</p>}
      {f && (
        <>
          <p data-testid="funnel-words">{t('canvas.reportPanel.funnelWords', { ...f })}</p>
          <div role="img" aria-label={t('canvas.reportPanel.funnel')} style={{ width: '100%', height: 160 }}>
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
            <div role="img" aria-label={t('canvas.reportPanel.byDay')} style={{ width: '100%', height: 160 }}>
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={report.days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e7ec" />
                  <XAxis dataKey="day" tick={{ fontSize: 10, fill: '#6b7385' }} />
                  <YAxis allowDecimals={false} width={36} tick={{ fontSize: 10, fill: '#6b7385' }} />
                  <Tooltip />
                  <Legend />
                  <Line
                    dataKey="sent"
                    name={t('canvas.reportPanel.step.sent')}
                    stroke="#4f46e5"
                    isAnimationActive={false}
                  />
                  <Line
                    dataKey="converted"
                    name={t('canvas.reportPanel.step.converted')}
                    stroke="#16a34a"
                    isAnimationActive={false}
                  />
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
