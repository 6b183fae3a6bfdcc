import type { PropertyFilter } from '@herald/engine';
import { DurationField } from './DurationField';
import { PropertyFilters } from './PropertyFilters';
import type { StepFormProps } from './types';

/** Wait until the contact does an event (matching the filters), or give up after the timeout. */
export function WaitForEventForm({ data, set }: StepFormProps) {
  return (
    <>
      <label>
        Event name
        <input value={String(data.eventName)} onChange={(e) => set({ eventName: e.target.value })} />
      </label>
      <DurationField
        label="Timeout"
        value={data.timeout as { amount: number; unit: 'minutes' | 'hours' | 'days' }}
        onChange={(timeout) => set({ timeout })}
      />
      <PropertyFilters filters={(data.filters ?? []) as PropertyFilter[]} onChange={(filters) => set({ filters })} />
    </>
  );
}
