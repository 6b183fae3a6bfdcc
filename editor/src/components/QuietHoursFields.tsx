import type { QuietHours } from '@herald/engine';
import { useTranslation } from 'react-i18next';
import { InputField } from './Field';

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
  return (
    <div className="row">
      <InputField
        label={t('canvas.settings.from')}
        type="time"
        aria-label={names.from}
        value={value.start}
        disabled={disabled}
        onValue={(start) => onChange({ ...value, start })}
      />
      <InputField
        label={t('canvas.settings.to')}
        type="time"
        aria-label={names.until}
        value={value.end}
        disabled={disabled}
        onValue={(end) => onChange({ ...value, end })}
      />
      <InputField
        label={t('canvas.timeZone')}
        aria-label={names.zone}
        value={value.timezone}
        disabled={disabled}
        maxLength={zoneMaxLength}
        onValue={(timezone) => onChange({ ...value, timezone })}
      />
    </div>
  );
}
