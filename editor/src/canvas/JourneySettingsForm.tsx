import type { JourneySettings } from '@herald/engine';
import { CheckboxField, InputField, SelectField } from '../components/Field';
import { FrequencyCapFields } from '../components/FrequencyCapFields';
import { QuietHoursFields } from '../components/QuietHoursFields';
import type { Catalogue } from '../i18n/resources';
import { useTranslation } from 'react-i18next';

type Words = keyof Catalogue['canvas']['settings'];

/** The journey's number settings: the words above each, its accessible name, and its bounds (the engine's). */
const numbers = {
  reentryDays: { words: 'days', name: 'reentryDays', min: 1, max: 3650 },
  attributionDays: { words: 'attributionText', name: 'attribution', min: 1, max: 90 },
  holdoutPercent: { words: 'holdoutText', name: 'holdout', min: 0, max: 50 },
} as const satisfies Record<string, { words: Words; name: Words; min: number; max: number }>;

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
  /** A number setting's input (see `numbers`), handing `write` the number typed. */
  const numberField = (key: keyof typeof numbers, value: number, write: (n: number) => void) => {
    const { words, name, min, max } = numbers[key];
    return (
      <InputField
        type="number"
        min={min}
        max={max}
        label={t(`canvas.settings.${words}`)}
        aria-label={t(`canvas.settings.${name}`)}
        value={value}
        onValue={(text) => write(Number(text))}
      />
    );
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
      {reentry.mode === 'after' &&
        numberField('reentryDays', reentry.days, (days) => onChange({ ...settings, reentry: { mode: 'after', days } }))}
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
      {settings.goalEvent &&
        numberField('attributionDays', settings.attributionDays ?? 7, (days) =>
          onChange({ ...settings, attributionDays: Math.min(90, Math.max(1, days)) }),
        )}
      {numberField('holdoutPercent', settings.holdoutPercent ?? 0, (n) => {
        const percent = Math.min(50, Math.max(0, n));
        onChange(percent > 0 ? { ...settings, holdoutPercent: percent } : without('holdoutPercent'));
      })}
    </div>
  );
}
