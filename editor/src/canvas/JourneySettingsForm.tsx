import type { JourneySettings } from '@herald/engine';
import { fieldsOf } from './fields/bind-field';
import { InputField } from './fields/InputField';
import { SelectField } from './fields/SelectField';
import { TimeOfDayFields } from './fields/TimeOfDayFields';
import { ToggleField } from './fields/ToggleField';
import { useTranslation } from 'react-i18next';

const periods = ['day', 'week', 'month'] as const;

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
  const quietField = quiet && fieldsOf(quiet, (patch) => onChange({ ...settings, quietHours: { ...quiet, ...patch } }));
  return (
    <div className="journey-settings" data-testid="journey-settings">
      <h3>{t('canvas.settings.title')}</h3>
      <SelectField
        label={t('canvas.settings.mayEnter')}
        ariaLabel={t('canvas.settings.reentry')}
        value={reentry.mode}
        onChange={(mode) =>
          onChange({
            ...settings,
            reentry: mode === 'after' ? { mode: 'after', days: 30 } : { mode: mode as 'never' | 'always' },
          })
        }
        choices={[
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
          ariaLabel={t('canvas.settings.reentryDays')}
          value={reentry.days}
          onChange={(days) => onChange({ ...settings, reentry: { mode: 'after', days: Number(days) } })}
        />
      )}
      <ToggleField
        label={t('canvas.settings.quietHold')}
        ariaLabel={t('canvas.settings.quiet')}
        checked={Boolean(quiet)}
        onChange={(on) =>
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
      {quietField && (
        <div className="row">
          <TimeOfDayFields
            times={[
              { label: t('canvas.settings.from'), ariaLabel: t('canvas.settings.quietFrom'), ...quietField('start') },
              { label: t('canvas.settings.to'), ariaLabel: t('canvas.settings.quietUntil'), ...quietField('end') },
            ]}
            zone={{ ariaLabel: t('canvas.settings.quietZone'), ...quietField('timezone') }}
          />
        </div>
      )}
      <ToggleField
        label={t('canvas.settings.capLimitText')}
        ariaLabel={t('canvas.settings.cap')}
        checked={Boolean(cap)}
        onChange={(on) =>
          onChange(on ? { ...settings, frequencyCap: { limit: 1, period: 'week' } } : without('frequencyCap'))
        }
      />
      {cap && (
        <div className="row">
          <InputField
            type="number"
            min={1}
            label={t('canvas.settings.atMost')}
            ariaLabel={t('canvas.settings.capLimit')}
            value={cap.limit}
            onChange={(limit) =>
              onChange({ ...settings, frequencyCap: { ...cap, limit: Math.max(1, Number(limit) || 1) } })
            }
          />
          <SelectField
            label={t('canvas.settings.per')}
            ariaLabel={t('canvas.settings.capPeriod')}
            value={cap.period}
            onChange={(period) =>
              onChange({ ...settings, frequencyCap: { ...cap, period: period as typeof cap.period } })
            }
            choices={periods.map((period) => ({ value: period, label: t(`canvas.schedule.${period}`) }))}
          />
        </div>
      )}
      <InputField
        maxLength={128}
        label={t('canvas.settings.goalText')}
        ariaLabel={t('canvas.settings.goal')}
        value={settings.goalEvent ?? ''}
        onChange={(goal) => onChange(goal ? { ...settings, goalEvent: goal } : without('goalEvent'))}
      />
      {settings.goalEvent && (
        <InputField
          type="number"
          min={1}
          max={90}
          label={t('canvas.settings.attributionText')}
          ariaLabel={t('canvas.settings.attribution')}
          value={settings.attributionDays ?? 7}
          onChange={(days) => onChange({ ...settings, attributionDays: Math.min(90, Math.max(1, Number(days))) })}
        />
      )}
      <InputField
        type="number"
        min={0}
        max={50}
        step={1}
        label={t('canvas.settings.holdoutText')}
        ariaLabel={t('canvas.settings.holdout')}
        value={settings.holdoutPercent ?? 0}
        onChange={(text) => {
          const percent = Math.min(50, Math.max(0, Number(text)));
          onChange(percent > 0 ? { ...settings, holdoutPercent: percent } : without('holdoutPercent'));
        }}
      />
    </div>
  );
}
