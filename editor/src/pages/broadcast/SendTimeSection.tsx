import { inQuietHours, maxScheduleAheadMs, minScheduleLeadMs } from '@herald/engine';
import type { QuietHours } from '@herald/api/contracts';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/i18n';
import { InputField } from '../../components/Field';

/** Local datetime-input value for a Date. */
export const toLocalInput = (d: Date) =>
  new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** What is wrong with a send time, in words (null when it is fine): 5 minutes to a year ahead. */
export function sendTimeProblem(timed: boolean, local: string, now = Date.now()): string | null {
  if (!timed) return null;
  const at = new Date(local).getTime();
  if (local === '' || Number.isNaN(at)) return i18n.t('broadcasts.time.choose');
  if (at - now < minScheduleLeadMs) return i18n.t('broadcasts.time.tooSoon');
  if (at - now > maxScheduleAheadMs) return i18n.t('broadcasts.time.tooFar');
  return null;
}

/**
 * Send now, at a time (within the bounds), or at a time of day in each contact's own zone; a warning
 * when the time falls in the quiet hours.
 */
export function SendTimeSection({
  timed,
  sendAt,
  quiet,
  onTimed,
  onSendAt,
  localTime,
  onLocalTime,
}: {
  timed: boolean;
  sendAt: string;
  quiet: QuietHours | null;
  onTimed(timed: boolean): void;
  onSendAt(local: string): void;
  /** HH:MM in each contact's zone (null: not a local-time send). */
  localTime: string | null;
  onLocalTime(time: string | null): void;
}) {
  const { t } = useTranslation();
  const local = localTime !== null;
  const sendsAt = timed ? new Date(sendAt) : new Date();
  const inQuiet = !local && quiet && !Number.isNaN(sendsAt.getTime()) && inQuietHours(sendsAt, quiet, null);
  const problem = sendTimeProblem(timed, sendAt);
  // Now, at a time, or at a time of day in each contact's zone (9:00 until the user picks another).
  const choices = [
    { label: t('broadcasts.time.now'), checked: !timed && !local, timed: false, localTime: null },
    { label: t('broadcasts.time.at'), checked: timed, timed: true, localTime: null },
    { label: t('broadcasts.time.ownZone'), checked: local, timed: false, localTime: '09:00' },
  ];
  return (
    <>
      <h3>{t('broadcasts.form.step4')}</h3>
      {choices.map((c) => (
        <label className="inline" key={c.label}>
          <input
            type="radio"
            checked={c.checked}
            onChange={() => {
              onTimed(c.timed);
              onLocalTime(c.localTime);
            }}
          />{' '}
          {c.label}
        </label>
      ))}
      {local && (
        <InputField
          label={t('broadcasts.time.localTime')}
          type="time"
          aria-label={t('broadcasts.time.localTime')}
          value={localTime}
          onValue={(time) => onLocalTime(time || '09:00')}
        >
          <span className="help">{t('broadcasts.time.localHelp')}</span>
        </InputField>
      )}
      {timed && (
        <InputField
          label={t('broadcasts.time.sendAt')}
          type="datetime-local"
          aria-label={t('broadcasts.time.sendAt')}
          value={sendAt}
          min={toLocalInput(new Date(Date.now() + minScheduleLeadMs))}
          max={toLocalInput(new Date(Date.now() + maxScheduleAheadMs))}
          aria-invalid={problem ? true : undefined}
          onValue={onSendAt}
        >
          {problem && <span className="field-error">{problem}</span>}
        </InputField>
      )}
      {inQuiet && (
        <p className="banner warning" data-testid="quiet-warning">
          {t(timed ? 'broadcasts.time.quietAt' : 'broadcasts.time.quietNow', {
            start: quiet.start,
            end: quiet.end,
            zone: quiet.timezone,
          })}
        </p>
      )}
    </>
  );
}
