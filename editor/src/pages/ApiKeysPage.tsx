import { useState } from 'react';
import { roleAtLeast, teamRoutes, type ApiKeyItem } from '@herald/api/contracts';
import { call } from '../api/client';
import { usePageAction } from '../components/usePageAction';
import { roleLabel, roleWordsOf, whenLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';
import type { Me } from '../App';
import { StatusBanner } from '../components/Banner';
import { type Column } from '../lists/DataTable';
import { ListTable } from '../lists/ListTable';
import { RowActions } from '../lists/RowActions';
import { RoleSelect } from '../components/RoleSelect';
import { useList } from '../lists/useList';
import { useFields } from '../lists/useFields';
import { CreateForm } from '../lists/CreateForm';
import { NamedInput } from '../components/NamedInput';
import { PageHead } from '../components/PageHead';
import { TextInput } from '../components/Field';

type KeyRole = 'admin' | 'marketer' | 'viewer';

/** API keys: made with a role and an optional expiry (the key shown once), revoked at once on every server. */
export function ApiKeysPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<KeyRole>('viewer');
  const { values, field, reset } = useFields({ name: '', expires: '' });
  const [secret, setSecret] = useState<{ name: string; key: string } | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const { items: keys, reload: load } = useList(
    () => call(teamRoutes.apiKeys).then((r) => r.items),
    (text) => setMessage({ kind: 'error', text }),
  );
  const { run, dialog } = usePageAction(setMessage, load);
  // The new key is shown once, in a banner of its own, instead of a message.
  const create = () => {
    setMessage(null);
    const expiresAt = values.expires ? new Date(`${values.expires}T23:59:59`).toISOString() : undefined;
    return run(async () => {
      const made = await call(teamRoutes.createKey, {
        body: { name: values.name, role, ...(expiresAt ? { expiresAt } : {}) },
      });
      setSecret({ name: made.name, key: made.secret });
      reset();
    }, null);
  };
  const revoke = (k: ApiKeyItem) =>
    run(() => call(teamRoutes.revokeKey, { params: { id: k.id } }), t('apiKeys.revoked', { name: k.name }), {
      title: t('apiKeys.revokeTitle', { name: k.name }),
      body: t('apiKeys.revokeBody'),
      confirm: t('apiKeys.revoke'),
    });
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
          <RowActions row={k} actions={[{ label: t('apiKeys.revoke'), act: (key) => void revoke(key) }]} links />
        ),
    },
  ];
  return (
    <div className="page">
      {dialog}
      <PageHead title={t('nav.api-keys')} />
      <CreateForm
        testId="key-form"
        submit={t('apiKeys.create')}
        ready={!!values.name.trim()}
        hint={roleWordsOf(role)}
        onCreate={create}
      >
        <NamedInput
          label={t('apiKeys.name')}
          placeholder={t('apiKeys.namePlaceholder')}
          maxLength={120}
          required
          {...field('name')}
        />
        <RoleSelect<KeyRole> roles={roles} ariaLabel={t('apiKeys.role')} value={role} onValue={setRole} />
        <label className="small">
          {t('apiKeys.expiresOptional')}{' '}
          <TextInput aria-label={t('apiKeys.expiresOn')} type="date" {...field('expires')} />
        </label>
      </CreateForm>
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
