import type { PropertyFilter } from '@herald/engine';
import { PropertyFilters } from './PropertyFilters';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Starts the journey when another system posts this event (matching the filters) for a contact. */
export function EventForm({ data, set }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('canvas.eventName')}
        <input value={String(data.eventName)} onChange={(e) => set({ eventName: e.target.value })} />
      </label>
      <PropertyFilters filters={(data.filters ?? []) as PropertyFilter[]} onChange={(filters) => set({ filters })} />
    </>
  );
}
