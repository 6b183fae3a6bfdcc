import { useState } from 'react';
import { fromLocal, toLocal } from './types';
import { useTranslation } from 'react-i18next';

/**
 * The date and time a step happens at ("At"), in the marketer's local time. A cleared or half-typed value is
 * not written to the step (which keeps its last date); the field says what it needs instead, until it is a
 * date again.
 */
export function DateTimeField({
  'aria-label': ariaLabel,
  value,
  onValue,
  maxDaysAhead = 365,
}: {
  'aria-label': string;
  value: string;
  onValue(iso: string): void;
  maxDaysAhead?: number;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const { t } = useTranslation();
  const max = toLocal(new Date(Date.now() + maxDaysAhead * 86_400_000).toISOString());
  return (
    <label>
      {t('canvas.schedule.at')}
      <input
        type="datetime-local"
        aria-label={ariaLabel}
        value={draft ?? toLocal(value)}
        max={max}
        aria-invalid={draft !== null ? true : undefined}
        onChange={(e) => {
          const iso = fromLocal(e.target.value);
          if (iso === null) return setDraft(e.target.value);
          setDraft(null);
          onValue(iso);
        }}
      />
      {draft !== null && <span className="field-error">{t('canvas.dateTime')}</span>}
    </label>
  );
}
