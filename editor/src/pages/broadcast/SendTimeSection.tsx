import { inQuietHours, maxScheduleAheadMs, minScheduleLeadMs } from '@herald/engine';
import type { QuietHours } from '@herald/api/contracts';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/i18n';
import type { InputHTMLAttributes, ReactNode } from 'react';
import { InputField } from '../../components/Field';

/** The field a send choice shows: its words (its accessible name too) and its input. */
type When = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & {
  label: string;
  value: string;
  onValue(text: string): void;
};

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
 * When a broadcast sends: now, at `sendAt` (a datetime input's text) when timed, or at `localTime` in
 * each contact's own zone.
 */
export interface SendTime {
  timed: boolean;
  sendAt: string;
  /** HH:MM in each contact's zone (null: not a local-time send). */
  localTime: string | null;
}

/**
 * Send now, at a time (within the bounds), or at a time of day in each contact's own zone; a warning
 * when the time falls in the quiet hours.
 */
export function SendTimeSection({
  time,
  quiet,
  onChange,
}: {
  time: SendTime;
  quiet: QuietHours | null;
  onChange(time: SendTime): void;
}) {
  const { t } = useTranslation();
  const { timed, sendAt, localTime } = time;
  const local = localTime !== null;
  const sendsAt = timed ? new Date(sendAt) : new Date();
  const inQuiet = !local && quiet && !Number.isNaN(sendsAt.getTime()) && inQuietHours(sendsAt, quiet, null);
  const problem = sendTimeProblem(timed, sendAt);
  // Now, at a time, or at a time of day in each contact's zone (9:00 until the user picks another); the
  // chosen one shows its field.
  const choices: Array<{
    label: string;
    checked: boolean;
    timed: boolean;
    localTime: string | null;
    field?: When;
    after?: ReactNode;
  }> = [
    { label: t('broadcasts.time.now'), checked: !timed && !local, timed: false, localTime: null },
    {
      label: t('broadcasts.time.at'),
      checked: timed,
      timed: true,
      localTime: null,
      field: {
        label: t('broadcasts.time.sendAt'),
        type: 'datetime-local',
        value: sendAt,
        min: toLocalInput(new Date(Date.now() + minScheduleLeadMs)),
        max: toLocalInput(new Date(Date.now() + maxScheduleAheadMs)),
        'aria-invalid': problem ? true : undefined,
        onValue: (at) => onChange({ ...time, sendAt: at }),
      },
      after: problem && <span className="field-error">{problem}</span>,
    },
    {
      label: t('broadcasts.time.ownZone'),
      checked: local,
      timed: false,
      localTime: '09:00',
      field: {
        label: t('broadcasts.time.localTime'),
        type: 'time',
        value: localTime ?? '',
        onValue: (at) => onChange({ ...time, localTime: at || '09:00' }),
      },
      after: <span className="help">{t('broadcasts.time.localHelp')}</span>,
    },
  ];
  const chosen = choices.find((c) => c.checked);
  return (
    <>
      <h3>{t('broadcasts.form.step4')}</h3>
      {choices.map((c) => (
        <label className="inline" key={c.label}>
          <input
            type="radio"
            checked={c.checked}
            onChange={() => onChange({ ...time, timed: c.timed, localTime: c.localTime })}
          />{' '}
          {c.label}
        </label>
      ))}
      {chosen?.field && (
        <InputField {...chosen.field} aria-label={chosen.field.label}>
          {chosen.after}
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
