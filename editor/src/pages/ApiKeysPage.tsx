import { useState, type FormEvent } from 'react';
import { roleAtLeast, teamRoutes, type ApiKeyItem } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { usePageAction } from '../components/usePageAction';
import { roleLabel, roleWordsOf, whenLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';
import type { Me } from '../App';
import { StatusBanner } from '../components/Banner';
import { type Column } from '../lists/DataTable';
import { ListTable } from '../lists/ListTable';
import { RoleSelect } from '../components/RoleSelect';
import { useList } from '../lists/useList';
import { PageHead } from '../components/PageHead';
import { TextInput } from '../components/Field';

type KeyRole = 'admin' | 'marketer' | 'viewer';

/** API keys: made with a role and an optional expiry (the key shown once), revoked at once on every server. */
export function ApiKeysPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<KeyRole>('viewer');
  const [expires, setExpires] = useState('');
  const [secret, setSecret] = useState<{ name: string; key: string } | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const fail = (e: unknown) => setMessage({ kind: 'error', text: errorText(e) });
  const { items: keys, reload: load } = useList(
    () => call(teamRoutes.apiKeys).then((r) => r.items),
    (text) => setMessage({ kind: 'error', text }),
  );
  const { run, dialog } = usePageAction(setMessage, load);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const made = await call(teamRoutes.createKey, {
        body: { name, role, ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}) },
      });
      setSecret({ name: made.name, key: made.secret });
      setName('');
      setExpires('');
      await load();
    } catch (err) {
      fail(err);
    }
  };
  const revoke = (k: ApiKeyItem) =>
    run(
      async () => {
        await call(teamRoutes.revokeKey, { params: { id: k.id } });
        return t('apiKeys.revoked', { name: k.name });
      },
      {
        title: t('apiKeys.revokeTitle', { name: k.name }),
        body: t('apiKeys.revokeBody'),
        confirm: t('apiKeys.revoke'),
      },
    );
  const roles = (['admin', 'marketer', 'viewer'] as const).filter((r) => roleAtLeast(me.role, r));

  const columns: Column<ApiKeyItem, never>[] = [
    { label: t('members.name'), cell: (k) => k.name },
    { label: t('apiKeys.key'), cell: (k) => <code>{k.preview}</code> },
    { label: t('members.role'), cell: (k) => roleLabel(k.role) },
    { label: t('apiKeys.madeBy'), cell: (k) => k.createdBy ?? '—' },
    { label: t('apiKeys.lastUsed'), cell: (k) => (k.lastUsedAt ? whenLabel(k.lastUsedAt) : t('apiKeys.never')) },
    { label: t('apiKeys.expires'), cell: (k) => (k.expiresAt ? whenLabel(k.expiresAt) : t('apiKeys.never')) },
    {
      label: '',
      cell: (k) =>
        k.revokedAt ? (
          <span className="muted">{t('apiKeys.revokedAt', { at: whenLabel(k.revokedAt) })}</span>
        ) : (
          <button type="button" className="link" onClick={() => void revoke(k)}>
            {t('apiKeys.revoke')}
          </button>
        ),
    },
  ];
  return (
    <div className="page">
      {dialog}
      <PageHead title={t('nav.api-keys')} />
      <form className="row" style={{ marginBottom: 12 }} onSubmit={(e) => void create(e)} data-testid="key-form">
        <TextInput
          aria-label={t('apiKeys.name')}
          placeholder={t('apiKeys.namePlaceholder')}
          value={name}
          maxLength={120}
          onValue={setName}
          required
        />
        <RoleSelect<KeyRole> roles={roles} ariaLabel={t('apiKeys.role')} value={role} onValue={setRole} />
        <label className="small">
          {t('apiKeys.expiresOptional')}{' '}
          <TextInput aria-label={t('apiKeys.expiresOn')} type="date" value={expires} onValue={setExpires} />
        </label>
        <button type="submit" className="primary" disabled={!name.trim()}>
          {t('apiKeys.create')}
        </button>
        <span className="muted small">{roleWordsOf(role)}</span>
      </form>
      {secret && (
        <p className="banner ok" role="status" data-testid="key-secret">
          {t('apiKeys.copy', { name: secret.name })} <code>{secret.key}</code>
        </p>
      )}
      <StatusBanner message={message} testId="keys-banner" />
      <ListTable items={keys} testId="keys-table" columns={columns} rowProps={(k) => ({ 'data-name': k.name })} />
    </div>
  );
}
