import { useEffect, useState, type FormEvent } from 'react';
import { api, type WorkspaceSettings } from '../api/client';
import { errorText } from '../api/error-text';

type Window = 'day' | 'week' | 'month';

/** Workspace settings: the frequency cap that limits messages to one contact across every channel. */
export function SettingsPage() {
  const [settings, setSettings] = useState<WorkspaceSettings | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [limit, setLimit] = useState('3');
  const [window, setWindow] = useState<Window>('week');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const show = (s: WorkspaceSettings) => {
    setSettings(s);
    setEnabled(Boolean(s.frequencyCap));
    if (s.frequencyCap) { setLimit(String(s.frequencyCap.limit)); setWindow(s.frequencyCap.window); }
  };
  useEffect(() => { void api.settings().then(show).catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) })); }, []);
  const n = Number(limit);
  const valid = !enabled || (Number.isInteger(n) && n >= 1 && n <= 1000);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    try {
      show(await api.saveSettings({ frequencyCap: enabled ? { limit: n, window } : null }));
      setMessage({ kind: 'ok', text: enabled ? `Saved: at most ${n} message${n === 1 ? '' : 's'} a ${window} to one contact.` : 'Saved: no frequency cap.' });
    } catch (error) { setMessage({ kind: 'error', text: errorText(error) }); } finally { setSaving(false); }
  };
  return (
    <div className="page">
      <header className="page-head"><h2>Settings</h2></header>
      {!settings ? <p className="loading">Loading…</p> : (
        <form className="card" style={{ maxWidth: 560 }} onSubmit={(e) => void save(e)}>
          <h3>Frequency cap</h3>
          <p className="muted">Counts every message to a contact on any channel, from broadcasts and journeys alike. A send over the cap is recorded as skipped (frequency cap), never sent.</p>
          <label className="inline"><input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Limit messages to one contact</label>
          <div className="row">
            <label>At most<input type="number" aria-label="Messages at most" min={1} max={1000} value={limit} disabled={!enabled} onChange={(e) => setLimit(e.target.value)} /></label>
            <label>Per<select aria-label="Per" value={window} disabled={!enabled} onChange={(e) => setWindow(e.target.value as Window)}><option value="day">day</option><option value="week">week</option><option value="month">month</option></select></label>
          </div>
          {!valid && <p className="banner error">The cap is a whole number from 1 to 1,000.</p>}
          <button type="submit" className="primary" disabled={!valid || saving}>Save</button>
          {settings.updatedAt && <p className="muted" data-testid="settings-updated">Last changed {new Date(settings.updatedAt).toLocaleString()}</p>}
        </form>
      )}
      {message && <p className={`banner ${message.kind}`} role="status" data-testid="settings-banner">{message.text}</p>}
    </div>
  );
}
