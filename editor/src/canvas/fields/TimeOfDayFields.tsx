import type { Bound } from './bind-field';
import { InputField } from './InputField';
import { useTranslation } from 'react-i18next';

/** A time of day as its field shows it: its words, its accessible name, and the bound value. */
export type TimeOfDay = Bound & { label: string; ariaLabel: string };

/**
 * Times of day (a schedule's, a wait's, quiet hours' start and end) and the time zone they are read
 * in, one after the other in the caller's row.
 */
export function TimeOfDayFields({
  times,
  zone,
}: {
  times: readonly TimeOfDay[];
  zone: Bound & { ariaLabel: string; title?: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      {times.map((time) => (
        <InputField key={time.ariaLabel} type="time" {...time} />
      ))}
      <InputField label={t('canvas.timeZone')} {...zone} />
    </>
  );
}
