import { DurationField } from './DurationField';
import type { StepFormProps } from './types';

/** Wait a while (up to 365 days) before the next step. */
export function WaitForm({ data, set }: StepFormProps) {
  return (
    <DurationField
      label="Wait"
      value={data.duration as { amount: number; unit: 'minutes' | 'hours' | 'days' }}
      onChange={(duration) => set({ duration })}
    />
  );
}
