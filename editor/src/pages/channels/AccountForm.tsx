import { useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { accountInput, accountRoutes, type Account, type ConnectionTestResult } from '@herald/api/contracts';
import type { ChannelKind } from '@herald/engine';
import { call } from '../../api/client';
import { errorText, formProblems } from '../../api/error-text';
import { kindSpec } from './account-kinds';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/Banner';
import { InputField } from '../../components/Field';
import { useBusyAction } from '../../components/useBusyAction';

/** The attributes of one of the form's inputs, and what a change does besides clearing its problem. */
type FieldInput = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & {
  'aria-label': string;
  value: string;
  onValue(text: string): void;
};

interface Props {
  kind: ChannelKind;
  /** The account being edited; absent when connecting a new one. */
  account?: Account;
  sandboxUrl: string | null;
  onSaved(account: Account): void;
  onCancel(): void;
}

/** One form per kind of account: each value with where to find it, a connection test, save. */
export function AccountForm({ kind, account, sandboxUrl, onSaved, onCancel }: Props) {
  const spec = kindSpec(kind);
  const { t } = useTranslation();
  const [name, setName] = useState(account?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(account?.baseUrl ?? spec.defaultBaseUrl);
  // Blank: the platform's own zone (China Standard Time for WeChat and WeCom).
  const [zone, setZone] = useState(account?.quotaTimeZoneSet ? account.quotaTimeZone : '');
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      spec.fields.map((f) => [f.key, f.where === 'settings' ? String(account?.settings[f.key] ?? '') : '']),
    ),
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [test, setTest] = useState<ConnectionTestResult | 'testing' | null>(null);
  const { busy: saving, error, setError, run } = useBusyAction();

  const filled = (where: 'settings' | 'credentials') =>
    spec.fields.filter((f) => f.where === where && values[f.key]!.trim() !== '');
  const settings = (): Record<string, string | number> =>
    Object.fromEntries(
      filled('settings').map((f) => [f.key, f.number ? Number(values[f.key]) : values[f.key]!.trim()]),
    );
  const credentials = (): Record<string, string> =>
    Object.fromEntries(filled('credentials').map((f) => [f.key, values[f.key]!.trim()]));
  const change = (key: string, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setProblems(({ [key]: _gone, ...rest }) => rest);
    setTest(null);
  };
  const check = (): Record<string, string> => {
    const found = formProblems(
      accountInput,
      {
        kind,
        name: name.trim(),
        baseUrl: baseUrl.trim(),
        settings: settings(),
        credentials: credentials(),
        quotaTimeZone: zone.trim(),
      },
      {
        name: t('channels.form.nameField'),
        baseUrl: t('channels.form.apiField'),
        quotaTimeZone: t('channels.form.zoneField'),
      },
    );
    for (const f of spec.fields) {
      const stored = f.where === 'credentials' && account?.credentialNames.includes(f.key);
      if (f.required && !values[f.key]!.trim() && !stored) found[f.key] = t('channels.form.enter', { label: f.label });
      if (f.number && values[f.key]!.trim() && !/^\d+$/.test(values[f.key]!.trim()))
        found[f.key] = t('channels.form.number', { label: f.label });
    }
    setProblems(found);
    return found;
  };
  const runTest = async () => {
    setTest('testing');
    try {
      setTest(
        await call(accountRoutes.test, {
          body: {
            ...(account ? { id: account.id } : {}),
            kind,
            baseUrl: baseUrl.trim(),
            settings: settings(),
            credentials: credentials(),
          },
        }),
      );
    } catch (e) {
      setTest({ ok: false, message: errorText(e), called: null, answer: null });
    }
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    const found = check();
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      const body = { name: name.trim(), baseUrl: baseUrl.trim(), settings: settings(), quotaTimeZone: zone.trim() };
      onSaved(
        account
          ? await call(accountRoutes.update, {
              params: { id: account.id },
              body: { ...body, credentials: credentials() },
            })
          : await call(accountRoutes.create, { body: { kind, ...body, credentials: credentials() } }),
      );
    });
  };
  /**
   * One value of the form: its words, its input, where to find it and what is wrong with it (which goes
   * away as soon as the value is typed again).
   */
  const field = (key: string, label: ReactNode, help: ReactNode, { onValue, ...input }: FieldInput) => (
    <InputField
      key={key}
      label={label}
      name={key}
      {...input}
      onValue={(text) => {
        onValue(text);
        setProblems(({ [key]: _gone, ...rest }) => rest);
      }}
    >
      <span className="help" id={`help-${key}`}>
        {help}
      </span>
      {problems[key] && <span className="field-error">{problems[key]}</span>}
    </InputField>
  );

  return (
    <form
      className="card account-form"
      aria-label={t('channels.form.label', { title: spec.title })}
      onSubmit={(e) => void save(e)}
    >
      <h3>
        {account ? t('channels.form.edit', { name: account.name }) : t('channels.form.connect', { title: spec.title })}
      </h3>
      <p className="muted">{spec.intro}</p>
      {field('name', t('channels.form.name'), t('channels.form.nameHelp'), {
        'aria-label': t('channels.form.name'),
        value: name,
        placeholder: t('channels.form.namePlaceholder'),
        onValue: setName,
      })}
      {field('baseUrl', t('channels.form.apiAddress'), spec.baseUrlHelp, {
        'aria-label': t('channels.form.apiAddress'),
        value: baseUrl,
        onValue: (text) => {
          setBaseUrl(text);
          setTest(null);
        },
      })}
      {sandboxUrl && kind !== 'email' && baseUrl !== sandboxUrl && (
        <button type="button" className="link" onClick={() => setBaseUrl(sandboxUrl)}>
          {t('channels.form.sandbox', { url: sandboxUrl })}
        </button>
      )}
      {field('quotaTimeZone', t('channels.form.zone'), t('channels.form.zoneHelp'), {
        'aria-label': t('channels.form.zone'),
        placeholder: account?.quotaTimeZone ?? 'Asia/Shanghai',
        value: zone,
        onValue: setZone,
      })}
      {spec.fields.map((f) => {
        const stored = f.where === 'credentials' && account?.credentialNames.includes(f.key);
        const label = (
          <>
            {f.label}
            {!f.required && <span className="muted">{t('channels.form.optional')}</span>}
          </>
        );
        return field(f.key, label, f.help, {
          'aria-label': f.label,
          'aria-describedby': `help-${f.key}`,
          type: f.where === 'credentials' ? 'password' : 'text',
          autoComplete: 'off',
          inputMode: f.number ? 'numeric' : undefined,
          value: values[f.key]!,
          placeholder: stored ? t('channels.form.stored') : f.placeholder,
          onValue: (text) => change(f.key, text),
          'aria-invalid': problems[f.key] ? true : undefined,
        });
      })}
      {test && (
        <div className={`test-result ${test === 'testing' ? '' : test.ok ? 'ok' : 'error'}`} role="status">
          {test === 'testing' ? (
            t('channels.form.testing')
          ) : (
            <>
              <strong>{test.message}</strong>
              {test.called && (
                <details>
                  <summary>{t('channels.form.called')}</summary>
                  <code>{test.called}</code>
                  <pre>{JSON.stringify(test.answer, null, 2)}</pre>
                </details>
              )}
            </>
          )}
        </div>
      )}
      <ErrorBanner text={error} />
      <div className="row">
        <button type="button" onClick={() => void runTest()} disabled={test === 'testing'}>
          {t('channels.form.test')}
        </button>
        <span className="spacer" />
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {account ? t('channels.form.saveChanges') : t('channels.form.connectAccount')}
        </button>
      </div>
    </form>
  );
}
