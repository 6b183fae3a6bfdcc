import { DurationField } from './DurationField';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Wait a while (up to 365 days) before the next step. */
export function WaitForm({ data, set }: StepFormProps) {
  const { t } = useTranslation();
  return (
    <DurationField
      label={t('labels.step.wait')}
      value={data.duration as { amount: number; unit: 'minutes' | 'hours' | 'days' }}
      onChange={(duration) => set({ duration })}
    />
  );
}
