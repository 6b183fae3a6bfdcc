import { DateTimeField } from './DateTimeField';
import { type StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Wait until a time of day (in each contact's zone or a named one) or until a date, at most 365 days ahead. */
export function WaitUntilForm({ data, set, replace }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('canvas.waitUntil.until')}
        <select
          aria-label={t('labels.step.wait_until')}
          value={String(data.mode)}
          onChange={(e) =>
            replace(
              e.target.value === 'datetime'
                ? { mode: 'datetime', at: new Date(Date.now() + 86_400_000).toISOString() }
                : { mode: 'time_of_day', time: '09:00', timezone: 'contact' },
            )
          }
        >
          <option value="time_of_day">{t('canvas.waitUntil.timeOfDay')}</option>
          <option value="datetime">{t('canvas.waitUntil.dateTime')}</option>
        </select>
      </label>
      {data.mode === 'datetime' ? (
        <DateTimeField
          label={t('canvas.schedule.at')}
          ariaLabel={t('canvas.waitUntil.atLabel')}
          value={String(data.at)}
          onChange={(at) => set({ at })}
        />
      ) : (
        <div className="row">
          <label>
            {t('canvas.waitUntil.time')}
            <input
              type="time"
              aria-label={t('canvas.waitUntil.timeLabel')}
              value={String(data.time)}
              onChange={(e) => set({ time: e.target.value })}
            />
          </label>
          <label>
            {t('canvas.timeZone')}
            <input
              aria-label={t('canvas.waitUntil.timeZoneLabel')}
              value={String(data.timezone)}
              onChange={(e) => set({ timezone: e.target.value })}
              title={t('canvas.waitUntil.contactZone')}
            />
          </label>
        </div>
      )}
    </>
  );
}
