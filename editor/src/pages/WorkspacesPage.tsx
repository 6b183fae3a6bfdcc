import { useEffect, useState, type FormEvent } from 'react';
import { governanceRoutes, type RouteOutput } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { whenLabel } from '../words/labels';

type Workspace = RouteOutput<typeof governanceRoutes.allWorkspaces>['items'][number];

/** Every workspace of this Herald (the instance administrator's page), and a new one with its first owner. */
export function WorkspacesPage() {
  const [items, setItems] = useState<Workspace[] | null>(null);
  const [name, setName] = useState('');
  const [ownerEmail, setOwnerEmail] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const load = () =>
    call(governanceRoutes.allWorkspaces)
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
  useEffect(() => {
    void load();
  }, []);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const made = await call(governanceRoutes.createWorkspace, { body: { name, ownerEmail } });
      setMessage({
        kind: 'ok',
        text: !made.invited
          ? `Created “${made.name}”: ${ownerEmail} already signs in here and owns it now.`
          : made.emailed
            ? `Created “${made.name}”: ${ownerEmail} is invited as its owner by email.`
            : `Created “${made.name}”. No email server is set up: pass this link to its owner yourself (shown ` +
              `once): ${made.link}`,
      });
      setName('');
      setOwnerEmail('');
      await load();
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    }
  };
  return (
    <div className="page">
      <header className="page-head">
        <h2>Workspaces</h2>
      </header>
      <form className="row" style={{ marginBottom: 12 }} onSubmit={(e) => void create(e)} data-testid="workspace-form">
        <input
          aria-label="Workspace name"
          placeholder="Workspace name"
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <input
          aria-label="Owner's email"
          type="email"
          placeholder="Its owner's email"
          value={ownerEmail}
          maxLength={200}
          onChange={(e) => setOwnerEmail(e.target.value)}
          required
        />
        <button type="submit" className="primary">
          Create workspace
        </button>
      </form>
      {message && (
        <p className={`banner ${message.kind}`} role="status" data-testid="workspaces-banner">
          {message.text}
        </p>
      )}
      {!items ? (
        <p className="loading">Loading…</p>
      ) : (
        <table data-testid="workspaces-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Owners</th>
              <th>Members</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {items.map((w) => (
              <tr key={w.id}>
                <td>{w.name}</td>
                <td>{w.owners.join(', ') || 'invited, not joined yet'}</td>
                <td>{w.members}</td>
                <td>{whenLabel(w.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
