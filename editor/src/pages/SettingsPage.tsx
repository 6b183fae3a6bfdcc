import { useEffect, useState, type FormEvent } from 'react';
import { workspaceRoutes, type WorkspaceSettings } from '@herald/api/contracts';
import { call } from '../api/client';
import { isValidTimeZone } from '@herald/engine';
import { errorText } from '../api/error-text';
import { FormsSecretSection } from './settings/FormsSecretSection';

type Window = 'day' | 'week' | 'month';
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Workspace settings: the frequency cap and quiet hours, for every broadcast and journey. */
export function SettingsPage() {
  const [settings, setSettings] = useState<WorkspaceSettings | null>(null);
  const [capOn, setCapOn] = useState(false);
  const [limit, setLimit] = useState('3');
  const [window, setWindow] = useState<Window>('week');
  const [quietOn, setQuietOn] = useState(false);
  const [start, setStart] = useState('21:00');
  const [end, setEnd] = useState('08:00');
  const [timezone, setTimezone] = useState(browserZone);
  const [zone, setZone] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const show = (s: WorkspaceSettings) => {
    setSettings(s);
    setCapOn(Boolean(s.frequencyCap));
    if (s.frequencyCap) {
      setLimit(String(s.frequencyCap.limit));
      setWindow(s.frequencyCap.window);
    }
    setZone(s.timezone ?? '');
    setQuietOn(Boolean(s.quietHours));
    if (s.quietHours) {
      setStart(s.quietHours.start);
      setEnd(s.quietHours.end);
      setTimezone(s.quietHours.timezone);
    }
  };
  useEffect(() => {
    void call(workspaceRoutes.settings)
      .then(show)
      .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
  }, []);
  const n = Number(limit);
  const capValid = !capOn || (Number.isInteger(n) && n >= 1 && n <= 1000);
  const quietValid =
    !quietOn || (/^\d\d:\d\d$/.test(start) && /^\d\d:\d\d$/.test(end) && start !== end && timezone.trim() !== '');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (quietOn && !isValidTimeZone(timezone.trim())) {
      setMessage({
        kind: 'error',
        text: `“${timezone.trim()}” is not a time zone Herald knows; pick one like Asia/Shanghai or Europe/Paris.`,
      });
      return;
    }
    if (zone.trim() && !isValidTimeZone(zone.trim())) {
      setMessage({
        kind: 'error',
        text: `“${zone.trim()}” is not a time zone Herald knows; pick one like Asia/Shanghai or Europe/Paris.`,
      });
      return;
    }
    setSaving(true);
    try {
      show(
        await call(workspaceRoutes.saveSettings, {
          body: {
            frequencyCap: capOn ? { limit: n, window } : null,
            quietHours: quietOn ? { start, end, timezone: timezone.trim() } : null,
            timezone: zone.trim() || null,
          },
        }),
      );
      const cap = capOn ? `at most ${n} message${n === 1 ? '' : 's'} a ${window} to one contact` : 'no frequency cap';
      const quiet = quietOn ? `quiet from ${start} to ${end}` : 'no quiet hours';
      setMessage({ kind: 'ok', text: `Saved: ${cap}; ${quiet}.` });
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="page">
      <header className="page-head">
        <h2>Settings</h2>
      </header>
      {!settings ? (
        <p className="loading">Loading…</p>
      ) : (
        <form className="card" style={{ maxWidth: 560 }} onSubmit={(e) => void save(e)}>
          <h3>Frequency cap</h3>
          <p className="muted">
            Counts every message to a contact on any channel, from broadcasts and journeys alike. A send over the cap is
            recorded as skipped (frequency cap), never sent.
          </p>
          <label className="inline">
            <input type="checkbox" checked={capOn} onChange={(e) => setCapOn(e.target.checked)} /> Limit messages to one
            contact
          </label>
          <div className="row">
            <label>
              At most
              <input
                type="number"
                aria-label="Messages at most"
                min={1}
                max={1000}
                value={limit}
                disabled={!capOn}
                onChange={(e) => setLimit(e.target.value)}
              />
            </label>
            <label>
              Per
              <select
                aria-label="Per"
                value={window}
                disabled={!capOn}
                onChange={(e) => setWindow(e.target.value as Window)}
              >
                <option value="day">day</option>
                <option value="week">week</option>
                <option value="month">month</option>
              </select>
            </label>
          </div>
          {!capValid && <p className="banner error">The cap is a whole number from 1 to 1,000.</p>}
          <h3>Quiet hours</h3>
          <p className="muted">
            No message goes out in these hours of each contact's own time zone (the zone below for contacts without
            one); a send that falls inside is recorded as skipped (quiet hours).
          </p>
          <label className="inline">
            <input type="checkbox" checked={quietOn} onChange={(e) => setQuietOn(e.target.checked)} /> Keep quiet hours
          </label>
          <div className="row">
            <label>
              From
              <input
                type="time"
                aria-label="Quiet from"
                value={start}
                disabled={!quietOn}
                onChange={(e) => setStart(e.target.value)}
              />
            </label>
            <label>
              To
              <input
                type="time"
                aria-label="Quiet until"
                value={end}
                disabled={!quietOn}
                onChange={(e) => setEnd(e.target.value)}
              />
            </label>
            <label>
              Time zone
              <input
                aria-label="Time zone"
                value={timezone}
                disabled={!quietOn}
                maxLength={64}
                onChange={(e) => setTimezone(e.target.value)}
              />
            </label>
          </div>
          {!quietValid && (
            <p className="banner error">Quiet hours need a start and an end that differ, and a time zone.</p>
          )}
          <h3>Workspace time zone</h3>
          <p className="muted">
            Local-time sends and waits until a time of day use each contact's own zone; contacts without one use this
            zone (UTC when it is empty).
          </p>
          <label>
            Zone for contacts without one
            <input
              aria-label="Zone for contacts without one"
              value={zone}
              maxLength={64}
              placeholder={browserZone}
              onChange={(e) => setZone(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" disabled={!capValid || !quietValid || saving}>
            Save
          </button>
          {settings.updatedAt && (
            <p className="muted" data-testid="settings-updated">
              Last changed {new Date(settings.updatedAt).toLocaleString()}
            </p>
          )}
        </form>
      )}
      {message && (
        <p className={`banner ${message.kind}`} role="status" data-testid="settings-banner">
          {message.text}
        </p>
      )}
      <FormsSecretSection />
    </div>
  );
}
