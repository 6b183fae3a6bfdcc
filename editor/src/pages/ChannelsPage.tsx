import { useEffect, useState } from 'react';
import { accountRoutes, workspaceRoutes, type Account } from '@herald/api/contracts';
import type { ChannelKind } from '@herald/engine';
import { call } from '../api/client';
import { usePageAction } from '../components/usePageAction';
import { channelLabel } from '../words/labels';
import { AccountForm } from './channels/AccountForm';
import { accountKinds } from './channels/account-kinds';
import { useTranslation } from 'react-i18next';
import { StatusBanner } from '../components/Banner';
import { type Column } from '../lists/DataTable';
import { ListTable } from '../lists/ListTable';
import { actionsColumn } from '../lists/RowActions';
import { useList } from '../lists/useList';
import { PageHead } from '../components/PageHead';

type Editing = { kind: ChannelKind; account?: Account } | null;

/** Channel accounts: connect one (a form per kind), see their state and callback address, edit, disable. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const [sandboxUrl, setSandboxUrl] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const { items: accounts, reload: load } = useList(
    () => call(accountRoutes.list).then((r) => r.items),
    (text) => setMessage({ kind: 'error', text }),
  );
  const { run, dialog } = usePageAction(setMessage, load);
  useEffect(() => {
    void call(workspaceRoutes.gettingStarted).then((g) => setSandboxUrl(g.sandboxUrl));
  }, []);
  // Disabling stops every send through the account: it asks first; enabling does not.
  const setDisabled = (account: Account, disabled: boolean) =>
    run(
      () => call(accountRoutes.update, { params: { id: account.id }, body: { disabled } }),
      t(disabled ? 'channels.disabledNow' : 'channels.enabledNow', { name: account.name }),
      disabled
        ? {
            title: t('channels.disableTitle', { name: account.name }),
            body: t('channels.disableBody'),
            confirm: t('channels.disable'),
          }
        : undefined,
    );
  const columns: Column<Account, never>[] = [
    { label: t('journeys.name'), cell: (a) => a.name },
    { label: t('channels.kind'), cell: (a) => channelLabel(a.kind) },
    {
      label: t('channels.state'),
      cell: (a) => (
        <span className={`status status-${a.disabled ? 'canceled' : 'completed'}`}>
          {a.disabled ? t('channels.disabled') : t('channels.active')}
        </span>
      ),
    },
    {
      label: t('channels.callback'),
      cell: (a) =>
        a.callbackPath ? (
          <code className="callback" title={t('channels.callbackHelp')}>
            {`${location.origin}${a.callbackPath}`}
          </code>
        ) : (
          <span className="muted">—</span>
        ),
    },
    actionsColumn(
      [
        { label: t('common.edit'), act: (a) => setEditing({ kind: a.kind, account: a }) },
        {
          label: (a) => (a.disabled ? t('channels.enable') : t('channels.disable')),
          act: (a) => void setDisabled(a, !a.disabled),
        },
      ],
      { label: t('journeys.operations') },
    ),
  ];
  return (
    <div className="page">
      <PageHead title={t('nav.channels')}>
        <span className="spacer" />
        <label>
          {t('channels.connect')}
          <select
            aria-label={t('channels.connectLabel')}
            value=""
            onChange={(e) => {
              if (e.target.value) setEditing({ kind: e.target.value as ChannelKind });
            }}
          >
            <option value="">{t('channels.chooseKind')}</option>
            {accountKinds().map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.title}
              </option>
            ))}
          </select>
        </label>
      </PageHead>
      <StatusBanner message={message} testId="channels-banner" />
      {editing && (
        <AccountForm
          key={editing.account?.id ?? editing.kind}
          kind={editing.kind}
          {...(editing.account ? { account: editing.account } : {})}
          sandboxUrl={sandboxUrl}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setMessage({
              kind: 'ok',
              text: t(editing.account ? 'channels.savedNow' : 'channels.connectedNow', { name: saved.name }),
            });
            void load();
          }}
        />
      )}
      <ListTable
        items={accounts}
        empty={t('channels.none')}
        testId="accounts-table"
        columns={columns}
        rowProps={(a) => ({ 'data-testid': `account-${a.name}` })}
      />
      {dialog}
    </div>
  );
}
