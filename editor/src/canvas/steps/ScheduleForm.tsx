import { weekdaysOf, type Audience, type Recurrence } from '@herald/engine';
import { AudienceBuilder } from '../../components/AudienceBuilder';
import { DateTimeField } from './DateTimeField';
import { allAudienceKinds, type StepFormProps } from './types';
import { useTranslation } from 'react-i18next';
import { weekdayNames } from '../../i18n/format';

/** A schedule trigger: once at a time (at least 5 minutes and at most a year ahead), or again and again. */
export function ScheduleForm({ data, set, replace, ctx }: StepFormProps) {
  const accounts = ctx.accounts;
  const { t } = useTranslation();
  const audience = data.audience as Audience;
  return (
    <>
      <label>
        {t('canvas.schedule.runs')}
        <select
          aria-label={t('canvas.schedule.label')}
          value={String(data.mode)}
          onChange={(e) =>
            replace(
              e.target.value === 'once'
                ? { mode: 'once', at: new Date(Date.now() + 3600_000).toISOString(), audience }
                : {
                    mode: 'recurring',
                    every: 'week',
                    time: '09:00',
                    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
                    weekdays: [1],
                    audience,
                  },
            )
          }
        >
          <option value="once">{t('canvas.schedule.once')}</option>
          <option value="recurring">{t('canvas.schedule.recurring')}</option>
        </select>
      </label>
      {data.mode === 'once' ? (
        <DateTimeField
          label={t('canvas.schedule.at')}
          ariaLabel={t('canvas.schedule.atLabel')}
          value={String(data.at)}
          onChange={(at) => set({ at })}
        />
      ) : (
        <div className="row">
          <label>
            {t('canvas.schedule.every')}
            <select
              aria-label={t('canvas.schedule.every')}
              value={String(data.every)}
              onChange={(e) => {
                const every = e.target.value;
                const { weekday: _w, weekdays: _ws, dayOfMonth: _d, ...rest } = data;
                replace({
                  ...rest,
                  every,
                  ...(every === 'week' ? { weekdays: [1] } : every === 'month' ? { dayOfMonth: 1 } : {}),
                });
              }}
            >
              {(['day', 'week', 'month'] as const).map((every) => (
                <option key={every} value={every}>
                  {t(`canvas.schedule.${every}`)}
                </option>
              ))}
            </select>
          </label>
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
            <label>
              {t('canvas.schedule.dayLabel')}
              <input
                type="number"
                min={1}
                max={28}
                aria-label={t('canvas.schedule.dayOfMonth')}
                value={Number(data.dayOfMonth ?? 1)}
                onChange={(e) => set({ dayOfMonth: Number(e.target.value) })}
              />
            </label>
          )}
          <label>
            {t('canvas.schedule.at')}
            <input
              type="time"
              aria-label={t('canvas.schedule.time')}
              value={String(data.time)}
              onChange={(e) => set({ time: e.target.value })}
            />
          </label>
          <label>
            {t('canvas.timeZone')}
            <input
              aria-label={t('canvas.schedule.timeZone')}
              value={String(data.timezone)}
              onChange={(e) => set({ timezone: e.target.value })}
            />
          </label>
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
