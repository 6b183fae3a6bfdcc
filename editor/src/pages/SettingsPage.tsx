import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { workspaceRoutes, type WorkspaceSettings } from '@herald/api/contracts';
import { call } from '../api/client';
import { isValidTimeZone, type QuietHours } from '@herald/engine';
import { errorText } from '../api/error-text';
import { FormsSecretSection } from './settings/FormsSecretSection';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format';
import { StatusBanner } from '../components/Banner';
import { FrequencyCapFields } from '../components/FrequencyCapFields';
import { QuietHoursFields } from '../components/QuietHoursFields';
import { CheckboxField, InputField } from '../components/Field';
import { PageHead } from '../components/PageHead';

type Window = 'day' | 'week' | 'month';
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * A setting that can be off (the frequency cap, the quiet hours): its title, what it does, the box that
 * turns it on, its fields (which the caller disables while it is off), and what is wrong while they do not fit.
 */
function SwitchedSetting({
  name,
  on,
  onOn,
  valid,
  children,
}: {
  name: 'cap' | 'quiet';
  on: boolean;
  onOn(on: boolean): void;
  valid: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t(`settings.${name}`)}</h3>
      <p className="muted">{t(`settings.${name}Help`)}</p>
      <CheckboxField label={t(`settings.${name}On`)} checked={on} onChecked={onOn} />
      {children}
      {!valid && <p className="banner error">{t(`settings.${name}Invalid`)}</p>}
    </>
  );
}

/** Workspace settings: the frequency cap and quiet hours, for every broadcast and journey. */
export function SettingsPage() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<WorkspaceSettings | null>(null);
  const [capOn, setCapOn] = useState(false);
  const [limit, setLimit] = useState('3');
  const [window, setWindow] = useState<Window>('week');
  const [quietOn, setQuietOn] = useState(false);
  const [quiet, setQuiet] = useState<QuietHours>({ start: '21:00', end: '08:00', timezone: browserZone });
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
    if (s.quietHours) setQuiet(s.quietHours);
  };
  useEffect(() => {
    void call(workspaceRoutes.settings)
      .then(show)
      .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
  }, []);
  const n = Number(limit);
  const capValid = !capOn || (Number.isInteger(n) && n >= 1 && n <= 1000);
  const { start, end } = quiet;
  const timezone = quiet.timezone.trim();
  const quietValid =
    !quietOn || (/^\d\d:\d\d$/.test(start) && /^\d\d:\d\d$/.test(end) && start !== end && timezone !== '');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    // The quiet hours' zone, then the workspace's: the first one Herald does not know is said.
    const unknown = [quietOn ? timezone : '', zone.trim()].find((z) => z && !isValidTimeZone(z));
    if (unknown) {
      setMessage({ kind: 'error', text: t('settings.zone.unknown', { zone: unknown }) });
      return;
    }
    setSaving(true);
    try {
      show(
        await call(workspaceRoutes.saveSettings, {
          body: {
            frequencyCap: capOn ? { limit: n, window } : null,
            quietHours: quietOn ? { start, end, timezone } : null,
            timezone: zone.trim() || null,
          },
        }),
      );
      const cap = capOn ? t(`settings.savedCap.${window}`, { count: n }) : t('settings.noCap');
      const quietWords = quietOn ? t('settings.savedQuiet', { start, end }) : t('settings.noQuiet');
      setMessage({ kind: 'ok', text: t('settings.saved', { cap, quiet: quietWords }) });
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="page">
      <PageHead title={t('nav.settings')} />
      {!settings ? (
        <p className="loading">{t('common.loading')}</p>
      ) : (
        <form className="card" style={{ maxWidth: 560 }} onSubmit={(e) => void save(e)}>
          <SwitchedSetting name="cap" on={capOn} onOn={setCapOn} valid={capValid}>
            <FrequencyCapFields
              limit={limit}
              period={window}
              onLimit={setLimit}
              onPeriod={setWindow}
              names={{ limit: t('settings.atMost'), period: t('canvas.settings.per') }}
              max={1000}
              disabled={!capOn}
            />
          </SwitchedSetting>
          <SwitchedSetting name="quiet" on={quietOn} onOn={setQuietOn} valid={quietValid}>
            <QuietHoursFields
              value={quiet}
              onChange={setQuiet}
              names={{ from: t('settings.quietFrom'), until: t('settings.quietUntil'), zone: t('canvas.timeZone') }}
              disabled={!quietOn}
              zoneMaxLength={64}
            />
          </SwitchedSetting>
          <h3>{t('settings.zone.title')}</h3>
          <p className="muted">{t('settings.zone.help')}</p>
          <InputField
            label={t('settings.zone.label')}
            aria-label={t('settings.zone.label')}
            value={zone}
            maxLength={64}
            placeholder={browserZone}
            onValue={setZone}
          />
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
