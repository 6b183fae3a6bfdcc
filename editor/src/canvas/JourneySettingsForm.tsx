import type { JourneySettings } from '@herald/engine';

/** The journey's own settings, shown when no step is selected. */
export function JourneySettingsForm({
  settings,
  onChange,
}: {
  settings: JourneySettings;
  onChange(s: JourneySettings): void;
}) {
  const reentry = settings.reentry;
  const quiet = settings.quietHours;
  const cap = settings.frequencyCap;
  const without = <K extends keyof JourneySettings>(key: K): JourneySettings => {
    const { [key]: _, ...rest } = settings;
    return rest as JourneySettings;
  };
  return (
    <div className="journey-settings" data-testid="journey-settings">
      <h3>Journey settings</h3>
      <label>
        A contact may enter
        <select
          aria-label="Re-entry"
          value={reentry.mode}
          onChange={(e) =>
            onChange({
              ...settings,
              reentry:
                e.target.value === 'after'
                  ? { mode: 'after', days: 30 }
                  : { mode: e.target.value as 'never' | 'always' },
            })
          }
        >
          <option value="never">once</option>
          <option value="after">again after some days</option>
          <option value="always">every time</option>
        </select>
      </label>
      {reentry.mode === 'after' && (
        <label>
          Days
          <input
            type="number"
            min={1}
            max={3650}
            aria-label="Re-entry days"
            value={reentry.days}
            onChange={(e) => onChange({ ...settings, reentry: { mode: 'after', days: Number(e.target.value) } })}
          />
        </label>
      )}
      <label className="inline">
        <input
          type="checkbox"
          aria-label="Journey quiet hours"
          checked={Boolean(quiet)}
          onChange={(e) =>
            onChange(
              e.target.checked
                ? {
                    ...settings,
                    quietHours: {
                      start: '21:00',
                      end: '08:00',
                      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
                    },
                  }
                : without('quietHours'),
            )
          }
        />{' '}
        Hold sends during quiet hours
      </label>
      {quiet && (
        <div className="row">
          <label>
            From
            <input
              type="time"
              aria-label="Journey quiet from"
              value={quiet.start}
              onChange={(e) => onChange({ ...settings, quietHours: { ...quiet, start: e.target.value } })}
            />
          </label>
          <label>
            To
            <input
              type="time"
              aria-label="Journey quiet until"
              value={quiet.end}
              onChange={(e) => onChange({ ...settings, quietHours: { ...quiet, end: e.target.value } })}
            />
          </label>
          <label>
            Time zone
            <input
              aria-label="Journey quiet time zone"
              value={quiet.timezone}
              onChange={(e) => onChange({ ...settings, quietHours: { ...quiet, timezone: e.target.value } })}
            />
          </label>
        </div>
      )}
      <label className="inline">
        <input
          type="checkbox"
          aria-label="Journey frequency cap"
          checked={Boolean(cap)}
          onChange={(e) =>
            onChange(
              e.target.checked ? { ...settings, frequencyCap: { limit: 1, period: 'week' } } : without('frequencyCap'),
            )
          }
        />{' '}
        Limit this journey's messages to a contact
      </label>
      {cap && (
        <div className="row">
          <label>
            At most
            <input
              type="number"
              min={1}
              aria-label="Journey cap limit"
              value={cap.limit}
              onChange={(e) =>
                onChange({ ...settings, frequencyCap: { ...cap, limit: Math.max(1, Number(e.target.value) || 1) } })
              }
            />
          </label>
          <label>
            Per
            <select
              aria-label="Journey cap period"
              value={cap.period}
              onChange={(e) =>
                onChange({ ...settings, frequencyCap: { ...cap, period: e.target.value as typeof cap.period } })
              }
            >
              <option value="day">day</option>
              <option value="week">week</option>
              <option value="month">month</option>
            </select>
          </label>
        </div>
      )}
      <label>
        Goal event (contacts who do it leave, and count as converted)
        <input
          aria-label="Goal event"
          value={settings.goalEvent ?? ''}
          maxLength={128}
          onChange={(e) => onChange(e.target.value ? { ...settings, goalEvent: e.target.value } : without('goalEvent'))}
        />
      </label>
      {settings.goalEvent && (
        <label>
          Counts within (days of entering)
          <input
            type="number"
            min={1}
            max={90}
            aria-label="Attribution days"
            value={settings.attributionDays ?? 7}
            onChange={(e) =>
              onChange({ ...settings, attributionDays: Math.min(90, Math.max(1, Number(e.target.value))) })
            }
          />
        </label>
      )}
      <label>
        Holdout: keep this share out, to measure the lift (%)
        <input
          type="number"
          min={0}
          max={50}
          step={1}
          aria-label="Holdout percent"
          value={settings.holdoutPercent ?? 0}
          onChange={(e) => {
            const percent = Math.min(50, Math.max(0, Number(e.target.value)));
            onChange(percent > 0 ? { ...settings, holdoutPercent: percent } : without('holdoutPercent'));
          }}
        />
      </label>
    </div>
  );
}
