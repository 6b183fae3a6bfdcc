import { useEffect, useState } from 'react';
import { accountRoutes, workspaceRoutes, type Account } from '@herald/api/contracts';
import type { ChannelKind } from '@herald/engine';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { useConfirm } from '../components/ConfirmDialog';
import { channelLabel } from '../words/labels';
import { AccountForm } from './channels/AccountForm';
import { accountKinds } from './channels/account-kinds';

type Editing = { kind: ChannelKind; account?: Account } | null;

/** Channel accounts: connect one (a form per kind), see their state and callback address, edit, disable. */
export function ChannelsPage() {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [sandboxUrl, setSandboxUrl] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const { confirm, dialog } = useConfirm();
  const load = () =>
    void call(accountRoutes.list)
      .then((r) => setAccounts(r.items))
      .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
  useEffect(() => {
    load();
    void call(workspaceRoutes.gettingStarted).then((g) => setSandboxUrl(g.sandboxUrl));
  }, []);
  const setDisabled = async (account: Account, disabled: boolean) => {
    if (
      disabled &&
      !(await confirm({
        title: `Disable ${account.name}?`,
        body:
          'New journeys and broadcasts will not be able to use it, and publishing one that does is refused. ' +
          'What it sent stays recorded. You can enable it again.',
        confirm: 'Disable',
        danger: true,
      }))
    )
      return;
    try {
      await call(accountRoutes.update, { params: { id: account.id }, body: { disabled } });
      setMessage({ kind: 'ok', text: `${account.name} is ${disabled ? 'disabled' : 'enabled again'}.` });
      load();
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };
  return (
    <div className="page">
      <header className="page-head">
        <h2>Channels</h2>
        <span className="spacer" />
        <label>
          Connect
          <select
            aria-label="Connect an account"
            value=""
            onChange={(e) => {
              if (e.target.value) setEditing({ kind: e.target.value as ChannelKind });
            }}
          >
            <option value="">Choose a kind of account…</option>
            {accountKinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.title}
              </option>
            ))}
          </select>
        </label>
      </header>
      {message && (
        <p className={`banner ${message.kind}`} role="status" data-testid="channels-banner">
          {message.text}
        </p>
      )}
      {editing && (
        <AccountForm
          key={editing.account?.id ?? editing.kind}
          kind={editing.kind}
          {...(editing.account ? { account: editing.account } : {})}
          sandboxUrl={sandboxUrl}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setMessage({ kind: 'ok', text: `${saved.name} is ${editing.account ? 'saved' : 'connected'}.` });
            load();
          }}
        />
      )}
      {!accounts ? (
        <p className="loading">Loading…</p>
      ) : accounts.length === 0 ? (
        <p className="muted">
          No channel accounts yet. Connect the WeChat official account or WeCom company your messages go out from.
        </p>
      ) : (
        <table data-testid="accounts-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th>State</th>
              <th>Callback address</th>
              <th>Operations</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} data-testid={`account-${a.name}`}>
                <td>{a.name}</td>
                <td>{channelLabel(a.kind)}</td>
                <td>
                  <span className={`status status-${a.disabled ? 'canceled' : 'completed'}`}>
                    {a.disabled ? 'Disabled' : 'Active'}
                  </span>
                </td>
                <td>
                  {a.callbackPath ? (
                    <code className="callback" title="Paste into WeChat’s Server Configuration with your Token">
                      {`${location.origin}${a.callbackPath}`}
                    </code>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="ops">
                  <button type="button" onClick={() => setEditing({ kind: a.kind, account: a })}>
                    Edit
                  </button>
                  <button type="button" onClick={() => void setDisabled(a, !a.disabled)}>
                    {a.disabled ? 'Enable' : 'Disable'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog}
    </div>
  );
}
