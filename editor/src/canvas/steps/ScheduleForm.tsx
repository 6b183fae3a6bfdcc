import { weekdaysOf, type Audience, type Recurrence } from '@herald/engine';
import { AudienceBuilder } from '../../components/AudienceBuilder';
import { TimeOfDayFields } from '../../components/TimeOfDayFields';
import { DateTimeField } from './DateTimeField';
import { allAudienceKinds, type StepFormProps } from './types';
import { useTranslation } from 'react-i18next';
import { weekdayNames } from '../../i18n/format';
import { InputField, SelectField } from '../../components/Field';

/** A schedule trigger: once at a time (at least 5 minutes and at most a year ahead), or again and again. */
export function ScheduleForm({ data, set, replace, field, ctx }: StepFormProps) {
  const accounts = ctx.accounts;
  const { t } = useTranslation();
  const audience = data.audience as Audience;
  return (
    <>
      {data.mode === 'once' ? (
        <DateTimeField aria-label={t('canvas.schedule.atLabel')} {...field('at')} />
      ) : (
        <div className="row">
          <SelectField
            label={t('canvas.schedule.every')}
            aria-label={t('canvas.schedule.every')}
            value={String(data.every)}
            onValue={(every) => {
              const { weekday: _w, weekdays: _ws, dayOfMonth: _d, ...rest } = data;
              replace({
                ...rest,
                every,
                ...(every === 'week' ? { weekdays: [1] } : every === 'month' ? { dayOfMonth: 1 } : {}),
              });
            }}
            options={(['day', 'week', 'month'] as const).map((every) => ({
              value: every,
              label: t(`canvas.schedule.${every}`),
            }))}
          />
          {data.every === 'week' && (
            <fieldset className="weekdays" aria-label={t('canvas.schedule.weekdays')}>
              <legend>{t('canvas.schedule.on')}</legend>
              {weekdayNames().map((d, i) => {
                const days = weekdaysOf(data as Recurrence);
                return (
                  <label key={d} className="inline">
                    <input
                      type="checkbox"
                      aria-label={d}
                      checked={days.includes(i)}
                      onChange={(e) => {
                        const next = e.target.checked ? [...days, i].sort() : days.filter((x) => x !== i);
                        const { weekday: _w, ...rest } = data;
                        replace({ ...rest, weekdays: next });
                      }}
                    />
                    {d}
                  </label>
                );
              })}
            </fieldset>
          )}
          {data.every === 'month' && (
            <InputField
              type="number"
              min={1}
              max={28}
              label={t('canvas.schedule.dayLabel')}
              aria-label={t('canvas.schedule.dayOfMonth')}
              value={Number(data.dayOfMonth ?? 1)}
              onValue={(day) => set({ dayOfMonth: Number(day) })}
            />
          )}
          <TimeOfDayFields
            times={[{ label: t('canvas.schedule.at'), 'aria-label': t('canvas.schedule.time'), ...field('time') }]}
            zone={{ 'aria-label': t('canvas.schedule.timeZone'), ...field('timezone') }}
          />
        </div>
      )}
      <AudienceBuilder
        audience={audience}
        kinds={allAudienceKinds}
        accounts={accounts}
        onChange={(a) => set({ audience: a })}
      />
    </>
  );
}
