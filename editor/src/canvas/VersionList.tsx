import { formatDateTime } from '../i18n/format';
import { useState } from 'react';
import type { JourneyVersion } from '@herald/api/contracts';
import { MigrateWaiting } from './MigrateWaiting';
import { useTranslation } from 'react-i18next';

/** The published versions, newest first; the one new entries start on is marked. */
export function VersionList({
  journeyId,
  realtime,
  versions,
  currentVersionId,
}: {
  journeyId: string;
  /** Contacts enter one by one: earlier versions may hold waiting contacts to move. */
  realtime: boolean;
  /** With who published each; the journey record's own short list (without them) until that is read. */
  versions: ReadonlyArray<Pick<JourneyVersion, 'id' | 'version' | 'publishedAt'> & Partial<JourneyVersion>>;
  currentVersionId: string | null;
}) {
  const [open, setOpen] = useState(false);
  const { t } = useTranslation();
  if (versions.length === 0)
    return (
      <span className="muted" data-testid="versions-none">
        {t('canvas.versions.none')}
      </span>
    );
  return (
    <div className="versions">
      <button type="button" aria-expanded={open} aria-controls="version-list" onClick={() => setOpen((o) => !o)}>
        {t('canvas.versions.button', { count: versions.length })}
      </button>
      {open && (
        <div className="version-panel">
          <ol
            id="version-list"
            className="version-list"
            data-testid="version-list"
            aria-label={t('canvas.versions.label')}
          >
            {versions.map((v) => (
              <li key={v.id}>
                <strong>v{v.version}</strong> · {formatDateTime(v.publishedAt)}
                {v.publishedBy && <span className="muted"> · {v.publishedBy.name}</span>}
                {(v.current ?? v.id === currentVersionId) && (
                  <span className="status status-active">{t('canvas.versions.live')}</span>
                )}
              </li>
            ))}
          </ol>
          {realtime && versions.length > 1 && (
            <MigrateWaiting journeyId={journeyId} version={Math.max(...versions.map((v) => v.version))} />
          )}
        </div>
      )}
    </div>
  );
}
