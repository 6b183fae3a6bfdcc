import { SelectField } from '../fields/SelectField';
import { TimeOfDayFields } from '../fields/TimeOfDayFields';
import { DateTimeField } from './DateTimeField';
import { type StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Wait until a time of day (in each contact's zone or a named one) or until a date, at most 365 days ahead. */
export function WaitUntilForm({ data, replace, field }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t('canvas.waitUntil.until')}
        ariaLabel={t('labels.step.wait_until')}
        value={String(data.mode)}
        onChange={(mode) =>
          replace(
            mode === 'datetime'
              ? { mode: 'datetime', at: new Date(Date.now() + 86_400_000).toISOString() }
              : { mode: 'time_of_day', time: '09:00', timezone: 'contact' },
          )
        }
        choices={[
          { value: 'time_of_day', label: t('canvas.waitUntil.timeOfDay') },
          { value: 'datetime', label: t('canvas.waitUntil.dateTime') },
        ]}
      />
      {data.mode === 'datetime' ? (
        <DateTimeField ariaLabel={t('canvas.waitUntil.atLabel')} {...field('at')} />
      ) : (
        <div className="row">
          <TimeOfDayFields
            times={[
              { label: t('canvas.waitUntil.time'), ariaLabel: t('canvas.waitUntil.timeLabel'), ...field('time') },
            ]}
            zone={{
              ariaLabel: t('canvas.waitUntil.timeZoneLabel'),
              title: t('canvas.waitUntil.contactZone'),
              ...field('timezone'),
            }}
          />
        </div>
      )}
    </>
  );
}
