import type { QuietHours } from '@herald/engine';
import { useTranslation } from 'react-i18next';
import { TimeOfDayFields } from './TimeOfDayFields';

/** The quiet hours' fields in a row: from, until (HH:MM) and the time zone they are read in. */
export function QuietHoursFields({
  value,
  onChange,
  names,
  disabled,
  zoneMaxLength,
}: {
  value: QuietHours;
  onChange(next: QuietHours): void;
  /** The fields' accessible names, where they say more than the visible words. */
  names: { from: string; until: string; zone: string };
  disabled?: boolean;
  zoneMaxLength?: number;
}) {
  const { t } = useTranslation();
  const bound = (key: keyof QuietHours) => ({
    value: value[key],
    onValue: (text: string) => onChange({ ...value, [key]: text }),
  });
  return (
    <div className="row">
      <TimeOfDayFields
        times={[
          { label: t('canvas.settings.from'), 'aria-label': names.from, ...bound('start') },
          { label: t('canvas.settings.to'), 'aria-label': names.until, ...bound('end') },
        ]}
        zone={{ 'aria-label': names.zone, maxLength: zoneMaxLength, ...bound('timezone') }}
        disabled={disabled}
      />
    </div>
  );
}
