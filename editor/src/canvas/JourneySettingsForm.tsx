import type { JourneySettings } from '@herald/engine';
import { CheckboxField, InputField, SelectField } from '../components/Field';
import { FrequencyCapFields } from '../components/FrequencyCapFields';
import { QuietHoursFields } from '../components/QuietHoursFields';
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
      <SelectField
        label={t('canvas.settings.mayEnter')}
        aria-label={t('canvas.settings.reentry')}
        value={reentry.mode}
        onValue={(mode) =>
          onChange({ ...settings, reentry: mode === 'after' ? { mode: 'after', days: 30 } : { mode } })
        }
        options={[
          { value: 'never', label: t('canvas.settings.once') },
          { value: 'after', label: t('canvas.settings.after') },
          { value: 'always', label: t('canvas.settings.always') },
        ]}
      />
      {reentry.mode === 'after' && (
        <InputField
          type="number"
          min={1}
          max={3650}
          label={t('canvas.settings.days')}
          aria-label={t('canvas.settings.reentryDays')}
          value={reentry.days}
          onValue={(days) => onChange({ ...settings, reentry: { mode: 'after', days: Number(days) } })}
        />
      )}
      <CheckboxField
        label={t('canvas.settings.quietHold')}
        aria-label={t('canvas.settings.quiet')}
        checked={Boolean(quiet)}
        onChecked={(on) =>
          onChange(
            on
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
      />
      {quiet && (
        <QuietHoursFields
          value={quiet}
          onChange={(quietHours) => onChange({ ...settings, quietHours })}
          names={{
            from: t('canvas.settings.quietFrom'),
            until: t('canvas.settings.quietUntil'),
            zone: t('canvas.settings.quietZone'),
          }}
        />
      )}
      <CheckboxField
        label={t('canvas.settings.capLimitText')}
        aria-label={t('canvas.settings.cap')}
        checked={Boolean(cap)}
        onChecked={(on) =>
          onChange(on ? { ...settings, frequencyCap: { limit: 1, period: 'week' } } : without('frequencyCap'))
        }
      />
      {cap && (
        <FrequencyCapFields
          limit={cap.limit}
          period={cap.period}
          onLimit={(limit) =>
            onChange({ ...settings, frequencyCap: { ...cap, limit: Math.max(1, Number(limit) || 1) } })
          }
          onPeriod={(period) => onChange({ ...settings, frequencyCap: { ...cap, period } })}
          names={{ limit: t('canvas.settings.capLimit'), period: t('canvas.settings.capPeriod') }}
        />
      )}
      <InputField
        maxLength={128}
        label={t('canvas.settings.goalText')}
        aria-label={t('canvas.settings.goal')}
        value={settings.goalEvent ?? ''}
        onValue={(goal) => onChange(goal ? { ...settings, goalEvent: goal } : without('goalEvent'))}
      />
      {settings.goalEvent && (
        <InputField
          type="number"
          min={1}
          max={90}
          label={t('canvas.settings.attributionText')}
          aria-label={t('canvas.settings.attribution')}
          value={settings.attributionDays ?? 7}
          onValue={(days) => onChange({ ...settings, attributionDays: Math.min(90, Math.max(1, Number(days))) })}
        />
      )}
      <InputField
        type="number"
        min={0}
        max={50}
        step={1}
        label={t('canvas.settings.holdoutText')}
        aria-label={t('canvas.settings.holdout')}
        value={settings.holdoutPercent ?? 0}
        onValue={(text) => {
          const percent = Math.min(50, Math.max(0, Number(text)));
          onChange(percent > 0 ? { ...settings, holdoutPercent: percent } : without('holdoutPercent'));
        }}
      />
    </div>
  );
}
