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
  const sendsAt = timed ? new Date(sendAt) : new Date();
  const inQuiet = quiet && !Number.isNaN(sendsAt.getTime()) && inQuietHours(sendsAt, quiet, null);
  const problem = sendTimeProblem(timed, sendAt);
  return (
    <>
      <h3>4. Send time</h3>
      <label className="inline">
        <input type="radio" checked={!timed} onChange={() => onTimed(false)} /> Immediately
      </label>
      <label className="inline">
        <input type="radio" checked={timed} onChange={() => onTimed(true)} /> At a time
      </label>
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
