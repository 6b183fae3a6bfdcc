import { inQuietHours, maxScheduleAheadMs, minScheduleLeadMs } from '@herald/engine';
import type { QuietHours } from '@herald/api/contracts';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/i18n';

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

/** Send now or at a time (within the bounds), and a warning when that time falls in the quiet hours. */
export function SendTimeSection({
  timed,
  sendAt,
  quiet,
  onTimed,
  onSendAt,
}: {
  timed: boolean;
  sendAt: string;
  quiet: QuietHours | null;
  onTimed(timed: boolean): void;
  onSendAt(local: string): void;
}) {
  const { t } = useTranslation();
  const sendsAt = timed ? new Date(sendAt) : new Date();
  const inQuiet = quiet && !Number.isNaN(sendsAt.getTime()) && inQuietHours(sendsAt, quiet, null);
  const problem = sendTimeProblem(timed, sendAt);
  return (
    <>
      <h3>{t('broadcasts.form.step4')}</h3>
      <label className="inline">
        <input type="radio" checked={!timed} onChange={() => onTimed(false)} /> {t('broadcasts.time.now')}
      </label>
      <label className="inline">
        <input type="radio" checked={timed} onChange={() => onTimed(true)} /> {t('broadcasts.time.at')}
      </label>
      {timed && (
        <label>
          {t('broadcasts.time.sendAt')}
          <input
            type="datetime-local"
            aria-label={t('broadcasts.time.sendAt')}
            value={sendAt}
            min={toLocalInput(new Date(Date.now() + minScheduleLeadMs))}
            max={toLocalInput(new Date(Date.now() + maxScheduleAheadMs))}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => onSendAt(e.target.value)}
          />
          {problem && <span className="field-error">{problem}</span>}
        </label>
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
