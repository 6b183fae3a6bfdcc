import { useEffect, useState, type FormEvent } from 'react';
import { workspaceRoutes, type WorkspaceSettings } from '@herald/api/contracts';
import { call } from '../api/client';
import { isValidTimeZone } from '@herald/engine';
import { errorText } from '../api/error-text';
import { FormsSecretSection } from './settings/FormsSecretSection';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format';
import { StatusBanner } from '../components/Banner';

type Window = 'day' | 'week' | 'month';
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Workspace settings: the frequency cap and quiet hours, for every broadcast and journey. */
export function SettingsPage() {
  const { t } = useTranslation();
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
        text: t('settings.zone.unknown', { zone: zone.trim() }),
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
      const cap = capOn ? t(`settings.savedCap.${window}`, { count: n }) : t('settings.noCap');
      const quiet = quietOn ? t('settings.savedQuiet', { start, end }) : t('settings.noQuiet');
      setMessage({ kind: 'ok', text: t('settings.saved', { cap, quiet }) });
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="page">
      <header className="page-head">
        <h2>{t('nav.settings')}</h2>
      </header>
      {!settings ? (
        <p className="loading">{t('common.loading')}</p>
      ) : (
        <form className="card" style={{ maxWidth: 560 }} onSubmit={(e) => void save(e)}>
          <h3>{t('settings.cap')}</h3>
          <p className="muted">{t('settings.capHelp')}</p>
          <label className="inline">
            <input type="checkbox" checked={capOn} onChange={(e) => setCapOn(e.target.checked)} /> {t('settings.capOn')}
          </label>
          <div className="row">
            <label>
              {t('canvas.settings.atMost')}
              <input
                type="number"
                aria-label={t('settings.atMost')}
                min={1}
                max={1000}
                value={limit}
                disabled={!capOn}
                onChange={(e) => setLimit(e.target.value)}
              />
            </label>
            <label>
              {t('canvas.settings.per')}
              <select
                aria-label={t('canvas.settings.per')}
                value={window}
                disabled={!capOn}
                onChange={(e) => setWindow(e.target.value as Window)}
              >
                {(['day', 'week', 'month'] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`canvas.schedule.${p}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {!capValid && <p className="banner error">{t('settings.capInvalid')}</p>}
          <h3>{t('settings.quiet')}</h3>
          <p className="muted">{t('settings.quietHelp')}</p>
          <label className="inline">
            <input type="checkbox" checked={quietOn} onChange={(e) => setQuietOn(e.target.checked)} />{' '}
            {t('settings.quietOn')}
          </label>
          <div className="row">
            <label>
              {t('canvas.settings.from')}
              <input
                type="time"
                aria-label={t('settings.quietFrom')}
                value={start}
                disabled={!quietOn}
                onChange={(e) => setStart(e.target.value)}
              />
            </label>
            <label>
              {t('canvas.settings.to')}
              <input
                type="time"
                aria-label={t('settings.quietUntil')}
                value={end}
                disabled={!quietOn}
                onChange={(e) => setEnd(e.target.value)}
              />
            </label>
            <label>
              {t('canvas.timeZone')}
              <input
                aria-label={t('canvas.timeZone')}
                value={timezone}
                disabled={!quietOn}
                maxLength={64}
                onChange={(e) => setTimezone(e.target.value)}
              />
            </label>
          </div>
          {!quietValid && <p className="banner error">{t('settings.quietInvalid')}</p>}
          <h3>{t('settings.zone.title')}</h3>
          <p className="muted">{t('settings.zone.help')}</p>
          <label>
            {t('settings.zone.label')}
            <input
              aria-label={t('settings.zone.label')}
              value={zone}
              maxLength={64}
              placeholder={browserZone}
              onChange={(e) => setZone(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" disabled={!capValid || !quietValid || saving}>
            {t('common.save')}
          </button>
          {settings.updatedAt && (
            <p className="muted" data-testid="settings-updated">
              {t('settings.lastChanged', { at: formatDateTime(settings.updatedAt) })}
            </p>
          )}
        </form>
      )}
      <StatusBanner message={message} testId="settings-banner" />
      <FormsSecretSection />
    </div>
  );
}
