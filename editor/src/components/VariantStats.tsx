import type { VariantReport } from '@herald/api/contracts';
import { countOf, variantLabel, winnerMetricLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../i18n/format';
import { i18n } from '../i18n/i18n';
import { DataTable, type Column } from '../lists/DataTable';

type Step = VariantReport['steps'][number];
type Variant = Step['variants'][number];

const pct = (n: number, of: number) => (of > 0 ? formatPercent(n / of, 1) : '—');
const duration = (minutes: number) =>
  minutes % 1440 === 0
    ? countOf(minutes / 1440, 'day')
    : minutes % 60 === 0
      ? countOf(minutes / 60, 'hour')
      : countOf(minutes, 'minute');

/** What the experiment decided, or will decide, in words. */
export function winnerWords(step: Step): string | null {
  const { decision, winner } = step;
  if (decision) {
    const name = variantLabel(step.variants.find((v) => v.id === decision.winner) ?? { id: decision.winner });
    const sure =
      decision.confidence === null
        ? i18n.t('composer.variants.noTest')
        : i18n.t('composer.variants.sure', {
            confidence: `${(Math.floor(decision.confidence * 1000) / 10).toFixed(1)}%`,
            p: decision.pValue!.toPrecision(2),
          });
    return i18n.t('composer.variants.won', {
      name,
      metric: winnerMetricLabel(decision.metric),
      sure,
      notSignificant: decision.significant ? '' : i18n.t('composer.variants.notSignificant'),
    });
  }
  if (winner)
    return i18n.t('composer.variants.pending', {
      metric: winnerMetricLabel(winner.metric),
      after: duration(winner.afterMinutes),
      percent: winner.testPercent,
    });
  return null;
}

/** A send step's variants side by side: share, sends and what became of them, and the winner. */
export function VariantStats({ step }: { step: Step }) {
  const { t } = useTranslation();
  const words = winnerWords(step);
  const counted = (label: string, n: (v: Variant) => number): Column<Variant, never> => ({
    label,
    cell: (v) => t('composer.variants.stats.count', { n: formatNumber(n(v)), pct: pct(n(v), v.sent) }),
  });
  const columns: Column<Variant, never>[] = [
    {
      label: t('composer.variants.stats.variant'),
      cell: (v) => (
        <>
          {variantLabel(v)}
          {step.decision?.winner === v.id ? t('composer.variants.stats.winner') : ''}
        </>
      ),
    },
    { label: t('composer.variants.stats.share'), cell: (v) => `${v.share}%` },
    { label: t('composer.variants.stats.sent'), cell: (v) => formatNumber(v.sent) },
    counted(t('composer.variants.stats.delivered'), (v) => v.delivered),
    counted(t('composer.variants.stats.read'), (v) => v.read),
    counted(t('composer.variants.stats.replied'), (v) => v.replied),
    counted(t('composer.variants.stats.converted'), (v) => v.converted),
  ];
  return (
    <div className="variant-stats" data-testid={`variant-stats-${step.nodeId}`}>
      <DataTable
        columns={columns}
        rows={step.variants}
        rowKey={(v) => v.id}
        rowProps={(v) => ({ 'data-variant': v.id, className: step.decision?.winner === v.id ? 'winner' : undefined })}
      />
      {words && (
        <p className="muted" data-testid="winner-words">
          {words}
        </p>
      )}
    </div>
  );
}
