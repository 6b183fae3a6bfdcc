import { useEffect, useState } from 'react';
import { countOf } from '../../words/labels';
import { useTranslation } from 'react-i18next';

type Unit = 'minutes' | 'hours' | 'days';
const unitDays: Record<Unit, number> = { minutes: 1 / 1440, hours: 1 / 24, days: 1 };
const noun = { minutes: 'minute', hours: 'hour', days: 'day' } as const;

/**
 * How long: a whole number and a unit, at most 365 days. What is typed stays in the field; only a
 * whole number from 1 up to the bound is written to the step, and the field says what is wrong
 * until it is fixed (the step keeps its last good value meanwhile).
 */
export function DurationField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: { amount: number; unit: Unit };
  onChange(next: { amount: number; unit: Unit }): void;
}) {
  const [text, setText] = useState(String(value.amount));
  const { t } = useTranslation();
  const problem = (raw: string, unit: Unit): string | null => {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(n) || n < 1)
      return t('canvas.duration.whole', { unit: t(`canvas.duration.${unit}`) });
    if (n * unitDays[unit] > 365)
      return t('canvas.duration.tooLong', { max: countOf(Math.floor(365 / unitDays[unit]), noun[unit]) });
    return null;
  };
  const [error, setError] = useState<string | null>(null);
  // The step changed from elsewhere (undo, another tab): show its value unless a fix is being typed.
  useEffect(() => {
    if (!error) setText(String(value.amount));
  }, [value.amount]);
  const write = (raw: string, unit: Unit) => {
    setText(raw);
    const found = problem(raw, unit);
    setError(found);
    if (!found) onChange({ amount: Number(raw), unit });
  };
  return (
    <div className="row">
      <label>
        {label}
        <input
          type="number"
          min={1}
          step={1}
          aria-label={label}
          aria-invalid={error ? true : undefined}
          value={text}
          onChange={(e) => write(e.target.value, value.unit)}
        />
      </label>
      <label>
        {t('canvas.duration.unit')}
        <select
          aria-label={t('canvas.duration.unitOf', { label })}
          value={value.unit}
          onChange={(e) => write(text, e.target.value as Unit)}
        >
          {(['minutes', 'hours', 'days'] as const).map((u) => (
            <option key={u} value={u}>
              {countOf(Number(text) || 0, noun[u]).replace(/^[\d,.\s]+/, '')}
            </option>
          ))}
        </select>
      </label>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
