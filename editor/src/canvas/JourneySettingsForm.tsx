import type { JourneySettings } from '@herald/engine';
import { useTranslation } from 'react-i18next';

/** The journey's own settings, shown when no step is selected. */
export function JourneySettingsForm({
  settings,
  onChange,
}: {
  settings: JourneySettings;
  onChange(s: JourneySettings): void;
}) {
  const reentry = settings.reentry;
  const { t } = useTranslation();
  const quiet = settings.quietHours;
  const cap = settings.frequencyCap;
  const without = <K extends keyof JourneySettings>(key: K): JourneySettings => {
    const { [key]: _, ...rest } = settings;
    return rest as JourneySettings;
  };
  return (
    <div className="journey-settings" data-testid="journey-settings">
      <h3>{t('canvas.settings.title')}</h3>
      <label>
        {t('canvas.settings.mayEnter')}
        <select
          aria-label={t('canvas.settings.reentry')}
          value={reentry.mode}
          onChange={(e) =>
            onChange({
              ...settings,
              reentry:
                e.target.value === 'after'
                  ? { mode: 'after', days: 30 }
                  : { mode: e.target.value as 'never' | 'always' },
            })
          }
        >
          <option value="never">{t('canvas.settings.once')}</option>
          <option value="after">{t('canvas.settings.after')}</option>
          <option value="always">{t('canvas.settings.always')}</option>
        </select>
      </label>
      {reentry.mode === 'after' && (
        <label>
          {t('canvas.settings.days')}
          <input
            type="number"
            min={1}
            max={3650}
            aria-label={t('canvas.settings.reentryDays')}
            value={reentry.days}
            onChange={(e) => onChange({ ...settings, reentry: { mode: 'after', days: Number(e.target.value) } })}
          />
        </label>
      )}
      <label className="inline">
        <input
          type="checkbox"
          aria-label={t('canvas.settings.quiet')}
          checked={Boolean(quiet)}
          onChange={(e) =>
            onChange(
              e.target.checked
                ? {
                    ...settings,
                    quietHours: {
                      start: '21:00',
                      end: '08:00',
                      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
                    },
                  }
                : without('quietHours'),
            )
          }
        />{' '}
        {t('canvas.settings.quietHold')}
      </label>
      {quiet && (
        <div className="row">
          <label>
            {t('canvas.settings.from')}
            <input
              type="time"
              aria-label={t('canvas.settings.quietFrom')}
              value={quiet.start}
              onChange={(e) => onChange({ ...settings, quietHours: { ...quiet, start: e.target.value } })}
            />
          </label>
          <label>
            {t('canvas.settings.to')}
            <input
              type="time"
              aria-label={t('canvas.settings.quietUntil')}
              value={quiet.end}
              onChange={(e) => onChange({ ...settings, quietHours: { ...quiet, end: e.target.value } })}
            />
          </label>
          <label>
            {t('canvas.timeZone')}
            <input
              aria-label={t('canvas.settings.quietZone')}
              value={quiet.timezone}
              onChange={(e) => onChange({ ...settings, quietHours: { ...quiet, timezone: e.target.value } })}
            />
          </label>
        </div>
      )}
      <label className="inline">
        <input
          type="checkbox"
          aria-label={t('canvas.settings.cap')}
          checked={Boolean(cap)}
          onChange={(e) =>
            onChange(
              e.target.checked ? { ...settings, frequencyCap: { limit: 1, period: 'week' } } : without('frequencyCap'),
            )
          }
        />{' '}
        {t('canvas.settings.capLimitText')}
      </label>
      {cap && (
        <div className="row">
          <label>
            {t('canvas.settings.atMost')}
            <input
              type="number"
              min={1}
              aria-label={t('canvas.settings.capLimit')}
              value={cap.limit}
              onChange={(e) =>
                onChange({ ...settings, frequencyCap: { ...cap, limit: Math.max(1, Number(e.target.value) || 1) } })
              }
            />
          </label>
          <label>
            {t('canvas.settings.per')}
            <select
              aria-label={t('canvas.settings.capPeriod')}
              value={cap.period}
              onChange={(e) =>
                onChange({ ...settings, frequencyCap: { ...cap, period: e.target.value as typeof cap.period } })
              }
            >
              {(['day', 'week', 'month'] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`canvas.schedule.${p}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <label>
        {t('canvas.settings.goalText')}
        <input
          aria-label={t('canvas.settings.goal')}
          value={settings.goalEvent ?? ''}
          maxLength={128}
          onChange={(e) => onChange(e.target.value ? { ...settings, goalEvent: e.target.value } : without('goalEvent'))}
        />
      </label>
      {settings.goalEvent && (
        <label>
          {t('canvas.settings.attributionText')}
          <input
            type="number"
            min={1}
            max={90}
            aria-label={t('canvas.settings.attribution')}
            value={settings.attributionDays ?? 7}
            onChange={(e) =>
              onChange({ ...settings, attributionDays: Math.min(90, Math.max(1, Number(e.target.value))) })
            }
          />
        </label>
      )}
      <label>
        {t('canvas.settings.holdoutText')}
        <input
          type="number"
          min={0}
          max={50}
          step={1}
          aria-label={t('canvas.settings.holdout')}
          value={settings.holdoutPercent ?? 0}
          onChange={(e) => {
            const percent = Math.min(50, Math.max(0, Number(e.target.value)));
            onChange(percent > 0 ? { ...settings, holdoutPercent: percent } : without('holdoutPercent'));
          }}
        />
      </label>
    </div>
  );
}
