import { useEffect, useState } from 'react';
import { errorText } from '../api/error-text';
import { api } from '../api/client';

/** The journeys list, and a button that starts a new one from a small example. */
export function JourneysPage() {
  const [items, setItems] = useState<Array<{ id: string; name: string; status: string; updatedAt: string }> | null>(
    null,
  );
  const [error, setError] = useState('');
  useEffect(() => {
    void api
      .journeys()
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  const create = async () => {
    try {
      const journey = await api.createJourney(`New journey ${new Date().toLocaleString()}`);
      location.hash = `#/journeys/${journey.id}`;
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="page">
      <header className="page-head">
        <h2>Journeys</h2>
        <button className="primary" type="button" onClick={() => void create()}>
          New journey
        </button>
      </header>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {!items ? (
        <p className="loading">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">No journeys yet: start one with New journey.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((j) => (
              <tr key={j.id}>
                <td>
                  <a href={`#/journeys/${j.id}`}>{j.name}</a>
                </td>
                <td>
                  <span className={`status status-${j.status}`}>{j.status}</span>
                </td>
                <td>{new Date(j.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
