import { useEffect, useState, type FormEvent } from 'react';
import { roleAtLeast, roleWords, teamRoutes, type ApiKeyItem } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { useConfirm } from '../components/ConfirmDialog';
import { roleLabel, whenLabel } from '../words/labels';
import type { Me } from '../App';

type KeyRole = 'admin' | 'marketer' | 'viewer';

/** API keys: made with a role and an optional expiry (the key shown once), revoked at once on every server. */
export function ApiKeysPage({ me }: { me: Me }) {
  const [keys, setKeys] = useState<ApiKeyItem[] | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<KeyRole>('viewer');
  const [expires, setExpires] = useState('');
  const [secret, setSecret] = useState<{ name: string; key: string } | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const { confirm, dialog } = useConfirm();
  const fail = (e: unknown) => setMessage({ kind: 'error', text: errorText(e) });
  const load = () =>
    call(teamRoutes.apiKeys)
      .then((r) => setKeys(r.items))
      .catch(fail);
  useEffect(() => {
    void load();
  }, []);

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
  const revoke = async (k: ApiKeyItem) => {
    const ok = await confirm({
      title: `Revoke "${k.name}"?`,
      body:
        'Every program using this key is refused from now on (on every server within a second). This cannot be ' +
        'undone.',
      confirm: 'Revoke',
      danger: true,
    });
    if (!ok) return;
    try {
      await call(teamRoutes.revokeKey, { params: { id: k.id } });
      setMessage({ kind: 'ok', text: `Revoked "${k.name}".` });
      await load();
    } catch (err) {
      fail(err);
    }
  };
  const roles = (['admin', 'marketer', 'viewer'] as const).filter((r) => roleAtLeast(me.role, r));

  return (
    <div className="page">
      {dialog}
      <header className="page-head">
        <h2>API keys</h2>
      </header>
      <form className="row" style={{ marginBottom: 12 }} onSubmit={(e) => void create(e)} data-testid="key-form">
        <input
          aria-label="Key name"
          placeholder="What uses it, e.g. Shop events"
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <select aria-label="Key role" value={role} onChange={(e) => setRole(e.target.value as KeyRole)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
        <label className="small">
          Expires (optional){' '}
          <input aria-label="Expires on" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={!name.trim()}>
          Create key
        </button>
        <span className="muted small">{roleWords[role]}</span>
      </form>
      {secret && (
        <p className="banner ok" role="status" data-testid="key-secret">
          Copy the key for “{secret.name}” now: it is not shown again. <code>{secret.key}</code>
        </p>
      )}
      {message && (
        <p className={`banner ${message.kind}`} role="status" data-testid="keys-banner">
          {message.text}
        </p>
      )}
      {!keys ? (
        <p className="loading">Loading…</p>
      ) : (
        <table data-testid="keys-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Role</th>
              <th>Made by</th>
              <th>Last used</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} data-name={k.name}>
                <td>{k.name}</td>
                <td>
                  <code>{k.preview}</code>
                </td>
                <td>{roleLabel(k.role)}</td>
                <td>{k.createdBy ?? '—'}</td>
                <td>{k.lastUsedAt ? whenLabel(k.lastUsedAt) : 'Never'}</td>
                <td>{k.expiresAt ? whenLabel(k.expiresAt) : 'Never'}</td>
                <td>
                  {k.revokedAt ? (
                    <span className="muted">Revoked {whenLabel(k.revokedAt)}</span>
                  ) : (
                    <button type="button" className="link" onClick={() => void revoke(k)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
