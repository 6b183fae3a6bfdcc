import { DurationField } from './DurationField';
import { EventMatchFields } from './EventMatchFields';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Wait until the contact does an event (matching the filters), or give up after the timeout. */
export function WaitForEventForm({ data, set, field }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <EventMatchFields data={data} set={set} field={field}>
      <DurationField
        label={t('canvas.timeout')}
        value={data.timeout as { amount: number; unit: 'minutes' | 'hours' | 'days' }}
        onChange={(timeout) => set({ timeout })}
      />
    </EventMatchFields>
  );
}
