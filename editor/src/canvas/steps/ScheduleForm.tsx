import { weekdaysOf, type Audience, type Recurrence } from '@herald/engine';
import { AudienceBuilder } from '../../components/AudienceBuilder';
import { DateTimeField } from './DateTimeField';
import { allAudienceKinds, type StepFormProps } from './types';

/** A schedule trigger: once at a time (at least 5 minutes and at most a year ahead), or again and again. */
export function ScheduleForm({ data, set, replace, ctx }: StepFormProps) {
  const accounts = ctx.accounts;
  const audience = data.audience as Audience;
  return (
    <>
      <label>
        Runs
        <select
          aria-label="Schedule"
          value={String(data.mode)}
          onChange={(e) =>
            replace(
              e.target.value === 'once'
                ? { mode: 'once', at: new Date(Date.now() + 3600_000).toISOString(), audience }
                : {
                    mode: 'recurring',
                    every: 'week',
                    time: '09:00',
                    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
                    weekdays: [1],
                    audience,
                  },
            )
          }
        >
          <option value="once">once</option>
          <option value="recurring">again and again</option>
        </select>
      </label>
      {data.mode === 'once' ? (
        <DateTimeField label="At" ariaLabel="Schedule at" value={String(data.at)} onChange={(at) => set({ at })} />
      ) : (
        <div className="row">
          <label>
            Every
            <select
              aria-label="Every"
              value={String(data.every)}
              onChange={(e) => {
                const every = e.target.value;
                const { weekday: _w, weekdays: _ws, dayOfMonth: _d, ...rest } = data;
                replace({
                  ...rest,
                  every,
                  ...(every === 'week' ? { weekdays: [1] } : every === 'month' ? { dayOfMonth: 1 } : {}),
                });
              }}
            >
              <option value="day">day</option>
              <option value="week">week</option>
              <option value="month">month</option>
            </select>
          </label>
          {data.every === 'week' && (
            <fieldset className="weekdays" aria-label="Weekdays">
              <legend>On</legend>
              {['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].map((d, i) => {
                const days = weekdaysOf(data as Recurrence);
                return (
                  <label key={d} className="inline">
                    <input
                      type="checkbox"
                      aria-label={d}
                      checked={days.includes(i)}
                      onChange={(e) => {
                        const next = e.target.checked ? [...days, i].sort() : days.filter((x) => x !== i);
                        const { weekday: _w, ...rest } = data;
                        replace({ ...rest, weekdays: next });
                      }}
                    />
                    {d}
                  </label>
                );
              })}
            </fieldset>
          )}
          {data.every === 'month' && (
            <label>
              Day
              <input
                type="number"
                min={1}
                max={28}
                aria-label="Day of month"
                value={Number(data.dayOfMonth ?? 1)}
                onChange={(e) => set({ dayOfMonth: Number(e.target.value) })}
              />
            </label>
          )}
          <label>
            At
            <input
              type="time"
              aria-label="Schedule time"
              value={String(data.time)}
              onChange={(e) => set({ time: e.target.value })}
            />
          </label>
          <label>
            Time zone
            <input
              aria-label="Schedule time zone"
              value={String(data.timezone)}
              onChange={(e) => set({ timezone: e.target.value })}
            />
          </label>
        </div>
      )}
      <AudienceBuilder
        audience={audience}
        kinds={allAudienceKinds}
        accounts={accounts}
        onChange={(a) => set({ audience: a })}
      />
    </>
  );
}
