import { useEffect, useState } from 'react';
import { errorText } from '../api/error-text';
import { api, type BroadcastItem } from '../api/client';

const statuses = ['', 'pending', 'in_progress', 'paused', 'canceled', 'completed', 'failed'];
const label = (s: string) => s.replace('_', ' ');

/** The broadcast list: search by name, filter by status, operations per row. */
export function BroadcastsPage() {
  const [items, setItems] = useState<BroadcastItem[] | null>(null);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const load = () =>
    void api
      .broadcasts({ search, status })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)));
  useEffect(load, [search, status]);
  const act = (id: string, action: 'pause' | 'resume' | 'cancel' | 'copy') =>
    void api
      .broadcastAction(id, action)
      .then(load)
      .catch((e: unknown) => setError(errorText(e)));
  return (
    <div className="page">
      <header className="page-head">
        <h2>Broadcasts</h2>
        <input
          aria-label="Search by name"
          placeholder="Search by name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s ? label(s) : 'All statuses'}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <a className="button primary" href="#/broadcasts/new">
          New broadcast
        </a>
      </header>
      {error && <p className="banner error">{error}</p>}
      {!items ? (
        <p className="loading">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">No broadcasts match.</p>
      ) : (
        <table data-testid="broadcast-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Content</th>
              <th>Method</th>
              <th>Type</th>
              <th>Send type</th>
              <th>Send time</th>
              <th>Status</th>
              <th>Created</th>
              <th>Updated by</th>
              <th>Operations</th>
            </tr>
          </thead>
          <tbody>
            {items.map((b) => (
              <tr key={b.id}>
                <td>
                  <a href={`#/broadcasts/${b.id}`}>{b.name}</a>
                </td>
                <td className="clip">{b.content}</td>
                <td>{b.method}</td>
                <td>{b.type}</td>
                <td>{b.sendType}</td>
                <td>{b.sendAt ? new Date(b.sendAt).toLocaleString() : '—'}</td>
                <td>
                  <span className={`status status-${b.status}`}>{label(b.status)}</span>
                </td>
                <td>
                  {b.createdBy ?? 'API'} · {new Date(b.createdAt).toLocaleDateString()}
                </td>
                <td>{b.updatedBy ?? 'API'}</td>
                <td className="ops">
                  {(b.status === 'in_progress' || b.status === 'pending') && (
                    <button type="button" onClick={() => act(b.id, 'pause')}>
                      Pause
                    </button>
                  )}
                  {b.status === 'paused' && (
                    <button type="button" onClick={() => act(b.id, 'resume')}>
                      Resume
                    </button>
                  )}
                  {['pending', 'in_progress', 'paused'].includes(b.status) && (
                    <button type="button" onClick={() => act(b.id, 'cancel')}>
                      Cancel
                    </button>
                  )}
                  <button type="button" onClick={() => act(b.id, 'copy')}>
                    Copy
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
