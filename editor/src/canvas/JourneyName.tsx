import { useState } from 'react';
import { journeyRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { useCanvas } from './store';
import { useTranslation } from 'react-i18next';

/** The journey's name in the toolbar; a click renames it (saved at once). */
export function JourneyName({ journeyId, onError }: { journeyId: string; onError(text: string): void }) {
  const { t } = useTranslation();
  const name = useCanvas((s) => s.name);
  const setName = useCanvas((s) => s.setName);
  const [draft, setDraft] = useState<string | null>(null);
  const save = async () => {
    const next = (draft ?? '').trim();
    setDraft(null);
    if (!next || next === name) return;
    try {
      const saved = await call(journeyRoutes.rename, { params: { id: journeyId }, body: { name: next } });
      setName(saved.name);
    } catch (e) {
      onError(errorText(e));
    }
  };
  if (draft === null)
    return (
      <button
        type="button"
        className="link journey-name"
        data-testid="journey-name"
        title={t('canvas.rename')}
        onClick={() => setDraft(name)}
      >
        {name}
      </button>
    );
  return (
    <input
      aria-label={t('canvas.journeyName')}
      autoFocus
      value={draft}
      maxLength={200}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => void save()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void save();
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}
