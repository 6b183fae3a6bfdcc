import { useEffect, useState } from 'react';
import { workspaceRoutes, type GettingStarted as Progress } from '@herald/api/contracts';
import { call } from '../api/client';
import { Trans, useTranslation } from 'react-i18next';

const steps = [
  { key: 'channelConnected', words: 'channel', href: '#/channels' },
  { key: 'contactsImported', words: 'contacts', href: '#/contacts' },
  { key: 'somethingDrawn', words: 'drawn', href: '#/journeys' },
] as const;

/** The first steps of a new workspace, each ticked off as soon as it is done; gone once all are. */
export function GettingStarted() {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    void call(workspaceRoutes.gettingStarted)
      .then(setProgress)
      .catch(() => setProgress(null));
  }, []);
  if (!progress || steps.every((s) => progress[s.key])) return null;
  return (
    <section className="card getting-started" aria-label={t('journeys.start.label')}>
      <h3>{t('journeys.start.label')}</h3>
      <ol>
        {steps.map((s) => (
          <li key={s.key} className={progress[s.key] ? 'done' : ''} data-done={progress[s.key]}>
            <span aria-hidden="true">{progress[s.key] ? '✓' : '○'}</span>{' '}
            <a href={s.href}>{t(`journeys.start.${s.words}`)}</a>: {t(`journeys.start.${s.words}How`)}
            {progress[s.key] && <span className="sr-only">{t('journeys.start.done')}</span>}
          </li>
        ))}
      </ol>
      {progress.sandboxUrl && (
        <p className="muted">
          <Trans
            i18nKey="journeys.start.sandbox"
            values={{ url: progress.sandboxUrl }}
            components={{ link: <a href={progress.sandboxUrl} /> }}
          />
        </p>
      )}
    </section>
  );
}
