import { useEffect, useState } from 'react';
import { segmentRoutes, type SegmentRecord } from '@herald/api/contracts';
import { call } from '../api/client';
import { Trans, useTranslation } from 'react-i18next';

/** Picks a saved segment for an audience or a trigger; the segment's rule is read when it runs. */
export function SegmentPicker({ segmentId, onChange }: { segmentId: string; onChange(id: string): void }) {
  const { t } = useTranslation();
  const [segments, setSegments] = useState<SegmentRecord[] | null>(null);
  useEffect(() => {
    void call(segmentRoutes.list)
      .then((r) => setSegments(r.segments))
      .catch(() => setSegments([]));
  }, []);
  if (segments && segments.length === 0)
    return (
      <p className="muted">
        <Trans i18nKey="segments.picker.none" components={{ link: <a href="#/segments" /> }} />
      </p>
    );
  return (
    <label>
      {t('segments.picker.segment')}
      <select aria-label={t('segments.picker.segment')} value={segmentId} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('segments.picker.choose')}</option>
        {(segments ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
