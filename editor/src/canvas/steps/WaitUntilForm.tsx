import { TimeOfDayFields } from '../../components/TimeOfDayFields';
import { DateTimeField } from './DateTimeField';
import { type StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Wait until a time of day (in each contact's zone or a named one) or until a date, at most 365 days ahead. */
export function WaitUntilForm({ data, field }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <>
      {data.mode === 'datetime' ? (
        <DateTimeField aria-label={t('canvas.waitUntil.atLabel')} {...field('at')} />
      ) : (
        <div className="row">
          <TimeOfDayFields
            times={[
              { label: t('canvas.waitUntil.time'), 'aria-label': t('canvas.waitUntil.timeLabel'), ...field('time') },
            ]}
            zone={{
              'aria-label': t('canvas.waitUntil.timeZoneLabel'),
              title: t('canvas.waitUntil.contactZone'),
              ...field('timezone'),
            }}
          />
        </div>
      )}
    </>
  );
}
