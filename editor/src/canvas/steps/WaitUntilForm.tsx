import { DateTimeField } from './DateTimeField';
import { type StepFormProps } from './types';

/** Wait until a time of day (in each contact's zone or a named one) or until a date, at most 365 days ahead. */
export function WaitUntilForm({ data, set, replace }: StepFormProps) {
  return (
    <>
      <label>
        Until
        <select
          aria-label="Wait until"
          value={String(data.mode)}
          onChange={(e) =>
            replace(
              e.target.value === 'datetime'
                ? { mode: 'datetime', at: new Date(Date.now() + 86_400_000).toISOString() }
                : { mode: 'time_of_day', time: '09:00', timezone: 'contact' },
            )
          }
        >
          <option value="time_of_day">a time of day</option>
          <option value="datetime">a date and time</option>
        </select>
      </label>
      {data.mode === 'datetime' ? (
        <DateTimeField label="At" ariaLabel="Wait until at" value={String(data.at)} onChange={(at) => set({ at })} />
      ) : (
        <div className="row">
          <label>
            Time
            <input
              type="time"
              aria-label="Wait until time"
              value={String(data.time)}
              onChange={(e) => set({ time: e.target.value })}
            />
          </label>
          <label>
            Time zone
            <input
              aria-label="Wait until time zone"
              value={String(data.timezone)}
              onChange={(e) => set({ timezone: e.target.value })}
              title="'contact' means each contact's own"
            />
          </label>
        </div>
      )}
    </>
  );
}
