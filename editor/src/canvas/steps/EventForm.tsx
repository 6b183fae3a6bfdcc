import type { PropertyFilter } from '@herald/engine';
import { PropertyFilters } from './PropertyFilters';
import type { StepFormProps } from './types';

/** Starts the journey when another system posts this event (matching the filters) for a contact. */
export function EventForm({ data, set }: StepFormProps) {
  return (
    <>
      <label>
        Event name
        <input value={String(data.eventName)} onChange={(e) => set({ eventName: e.target.value })} />
      </label>
      <PropertyFilters filters={(data.filters ?? []) as PropertyFilter[]} onChange={(filters) => set({ filters })} />
    </>
  );
}
