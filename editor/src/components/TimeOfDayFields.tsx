import { useTranslation } from 'react-i18next';
import { InputField, type Bound } from './Field';

/** A time of day as its field shows it: its words, its accessible name, and the bound value. */
export type TimeOfDay = Bound & { label: string; 'aria-label': string };

/**
 * Times of day (a schedule's, a wait's, quiet hours' start and end) and the time zone they are read
 * in, one after the other in the caller's row.
 */
export function TimeOfDayFields({
  times,
  zone,
  disabled,
}: {
  times: readonly TimeOfDay[];
  zone: Bound & { 'aria-label': string; title?: string; maxLength?: number };
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {times.map((time) => (
        <InputField key={time['aria-label']} type="time" disabled={disabled} {...time} />
      ))}
      <InputField label={t('canvas.timeZone')} disabled={disabled} {...zone} />
    </>
  );
}
