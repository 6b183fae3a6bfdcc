import type { PropertyFilter } from '@herald/engine';
import { DurationField } from './DurationField';
import { PropertyFilters } from './PropertyFilters';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Wait until the contact does an event (matching the filters), or give up after the timeout. */
export function WaitForEventForm({ data, set }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('canvas.eventName')}
        <input value={String(data.eventName)} onChange={(e) => set({ eventName: e.target.value })} />
      </label>
      <DurationField
        label={t('canvas.timeout')}
        value={data.timeout as { amount: number; unit: 'minutes' | 'hours' | 'days' }}
        onChange={(timeout) => set({ timeout })}
      />
      <PropertyFilters filters={(data.filters ?? []) as PropertyFilter[]} onChange={(filters) => set({ filters })} />
    </>
  );
}
