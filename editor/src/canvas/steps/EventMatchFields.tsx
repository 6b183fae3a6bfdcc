import type { ReactNode } from 'react';
import type { PropertyFilter } from '@herald/engine';
import { PropertyFilters } from './PropertyFilters';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';
import { InputField } from '../../components/Field';

/** The event a step waits for or starts on: its name, then the caller's own fields, then filters on its properties. */
export function EventMatchFields({
  data,
  set,
  field,
  children,
}: Pick<StepFormProps, 'data' | 'set' | 'field'> & { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <InputField label={t('canvas.eventName')} {...field('eventName')} />
      {children}
      <PropertyFilters filters={(data.filters ?? []) as PropertyFilter[]} onChange={(filters) => set({ filters })} />
    </>
  );
}
