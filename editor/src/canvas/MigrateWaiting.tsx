import { useState } from 'react';
import { journeyRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { stepLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';

type Report = Awaited<ReturnType<typeof call<typeof journeyRoutes.migrate>>>;

/**
 * Moves contacts still waiting in earlier versions to the live one, at the step with the same id:
 * first counts who would move and who stays (a dry run), then moves them when the marketer confirms.
 */
export function MigrateWaiting({ journeyId, version }: { journeyId: string; version: number }) {
  const [report, setReport] = useState<Report | null>(null);
  const { t } = useTranslation();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (dryRun: boolean) => {
    setError(null);
    try {
      const r = await call(journeyRoutes.migrate, { params: { id: journeyId }, body: { dryRun } });
      if (dryRun) setReport(r);
      else {
        setReport(null);
        setDone(t('canvas.migrate.done', { count: r.moved, version }));
      }
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="migrate" data-testid="migrate">
      <button type="button" onClick={() => void run(true)}>
        {t('canvas.migrate.open', { version })}
      </button>
      {report && (
        <div role="dialog" aria-label={t('canvas.migrate.label')} className="dialog">
          {report.steps.length === 0 ? (
            <p>{t('canvas.migrate.nobody')}</p>
          ) : (
            <ul data-testid="migrate-steps">
              {report.steps.map((s) => (
                <li key={s.nodeId}>
                  {t('canvas.migrate.step', { count: s.count, step: s.nodeId, kind: stepLabel(s.kind) })}{' '}
                  {s.moves ? t('canvas.migrate.moves', { version }) : t('canvas.migrate.stays')}
                </li>
              ))}
            </ul>
          )}
          <p>{t('canvas.migrate.summary', { moved: report.moved, staying: report.staying })}</p>
          <button type="button" className="primary" disabled={report.moved === 0} onClick={() => void run(false)}>
            {t('canvas.migrate.move', { count: report.moved })}
          </button>
          <button type="button" onClick={() => setReport(null)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {done && (
        <span role="status" data-testid="migrate-done">
          {done}
        </span>
      )}
      {error && <span className="error">{error}</span>}
    </div>
  );
}
