import { useTranslation } from 'react-i18next';
import { InputField, SelectField } from './Field';

type Period = 'day' | 'week' | 'month';

/** A frequency cap's fields in a row: at most how many messages, per day, week or month. */
export function FrequencyCapFields({
  limit,
  period,
  onLimit,
  onPeriod,
  names,
  max,
  disabled,
}: {
  limit: string | number;
  period: Period;
  onLimit(text: string): void;
  onPeriod(period: Period): void;
  /** The fields' accessible names, where they say more than the visible words. */
  names: { limit: string; period: string };
  max?: number;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="row">
      <InputField
        label={t('canvas.settings.atMost')}
        type="number"
        aria-label={names.limit}
        min={1}
        max={max}
        value={limit}
        disabled={disabled}
        onValue={onLimit}
      />
      <SelectField<Period>
        label={t('canvas.settings.per')}
        aria-label={names.period}
        value={period}
        disabled={disabled}
        options={(['day', 'week', 'month'] as const).map((p) => ({ value: p, label: t(`canvas.schedule.${p}`) }))}
        onValue={onPeriod}
      />
    </div>
  );
}
