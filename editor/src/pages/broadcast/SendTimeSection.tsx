import { inQuietHours, maxScheduleAheadMs, minScheduleLeadMs } from '@herald/engine';
import type { QuietHours } from '@herald/api/contracts';

/** Local datetime-input value for a Date. */
export const toLocalInput = (d: Date) =>
  new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** What is wrong with a send time, in words (null when it is fine): 5 minutes to a year ahead. */
export function sendTimeProblem(timed: boolean, local: string, now = Date.now()): string | null {
  if (!timed) return null;
  const at = new Date(local).getTime();
  if (local === '' || Number.isNaN(at)) return 'Choose the date and time to send at.';
  if (at - now < minScheduleLeadMs) return 'A timed send must be at least 5 minutes ahead: pick a later time.';
  if (at - now > maxScheduleAheadMs) return 'A timed send can be at most a year ahead: pick an earlier time.';
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
  const local = localTime !== null;
  const sendsAt = timed ? new Date(sendAt) : new Date();
  const inQuiet = !local && quiet && !Number.isNaN(sendsAt.getTime()) && inQuietHours(sendsAt, quiet, null);
  const problem = sendTimeProblem(timed, sendAt);
  return (
    <>
      <h3>4. Send time</h3>
      <label className="inline">
        <input
          type="radio"
          checked={!timed && !local}
          onChange={() => {
            onTimed(false);
            onLocalTime(null);
          }}
        />{' '}
        Immediately
      </label>
      <label className="inline">
        <input
          type="radio"
          checked={timed}
          onChange={() => {
            onTimed(true);
            onLocalTime(null);
          }}
        />{' '}
        At a time
      </label>
      <label className="inline">
        <input
          type="radio"
          checked={local}
          onChange={() => {
            onTimed(false);
            onLocalTime('09:00');
          }}
        />{' '}
        In each contact's own zone
      </label>
      {local && (
        <label>
          Local time
          <input
            type="time"
            aria-label="Local time"
            value={localTime}
            onChange={(e) => onLocalTime(e.target.value || '09:00')}
          />
          <span className="help">
            Each contact gets it at this time in their own time zone (the workspace's for contacts without one), over
            the next day, as one send.
          </span>
        </label>
      )}
      {timed && (
        <label>
          Send at
          <input
            type="datetime-local"
            aria-label="Send at"
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
          {timed ? 'This time' : 'Now'} is inside the workspace's quiet hours ({quiet.start}–{quiet.end}{' '}
          {quiet.timezone}): contacts for whom it is quiet time will be skipped.
        </p>
      )}
    </>
  );
}
