import { useEffect, useState } from 'react';
import { journeyRoutes, type JourneyListItem } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { useConfirm } from '../components/ConfirmDialog';
import { GettingStarted } from '../components/GettingStarted';
import { statusLabel } from '../words/labels';

/** The journeys list (rename, archive), the getting-started checklist, and a button to start a new one. */
export function JourneysPage() {
  const [items, setItems] = useState<JourneyListItem[] | null>(null);
  const [error, setError] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const { confirm, dialog } = useConfirm();
  const load = () =>
    void call(journeyRoutes.list)
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(errorText(e)));
  useEffect(load, []);
  const run = (work: Promise<unknown>) => void work.then(load).catch((e: unknown) => setError(errorText(e)));
  const create = async () => {
    try {
      const journey = await call(journeyRoutes.create, {
        body: { name: `New journey ${new Date().toLocaleString()}` },
      });
      location.hash = `#/journeys/${journey.id}`;
    } catch (e) {
      setError(errorText(e));
    }
  };
  const archive = async (j: JourneyListItem) => {
    const ok = await confirm({
      title: `Archive “${j.name}”?`,
      body:
        j.status === 'active'
          ? 'It stops taking in contacts; contacts already in it go on to the end. ' +
            'An archived journey leaves this list and cannot be published again.'
          : 'It leaves this list and cannot be published again.',
      confirm: 'Archive',
      danger: true,
    });
    if (ok) run(call(journeyRoutes.archive, { params: { id: j.id } }));
  };
  const saveName = () => {
    if (!renaming) return;
    const name = renaming.name.trim();
    if (!name) return setError('A journey needs a name.');
    setRenaming(null);
    setError('');
    run(call(journeyRoutes.rename, { params: { id: renaming.id }, body: { name } }));
  };
  return (
    <div className="page">
      <header className="page-head">
        <h2>Journeys</h2>
        <span className="spacer" />
        <button className="primary" type="button" onClick={() => void create()}>
          New journey
        </button>
      </header>
      <GettingStarted />
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
        <table data-testid="journeys-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Updated</th>
              <th>Operations</th>
            </tr>
          </thead>
          <tbody>
            {items.map((j) => (
              <tr key={j.id}>
                <td>
                  {renaming?.id === j.id ? (
                    <form
                      className="row"
                      onSubmit={(e) => {
                        e.preventDefault();
                        saveName();
                      }}
                    >
                      <input
                        aria-label="Journey name"
                        autoFocus
                        value={renaming.name}
                        maxLength={200}
                        onChange={(e) => setRenaming({ id: j.id, name: e.target.value })}
                      />
                      <button type="submit">Save</button>
                      <button type="button" onClick={() => setRenaming(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <a href={`#/journeys/${j.id}`}>{j.name}</a>
                  )}
                </td>
                <td>
                  <span className={`status status-${j.status}`}>{statusLabel(j.status)}</span>
                </td>
                <td>{new Date(j.updatedAt).toLocaleString()}</td>
                <td className="ops">
                  <button type="button" onClick={() => setRenaming({ id: j.id, name: j.name })}>
                    Rename
                  </button>
                  <button type="button" onClick={() => void archive(j)}>
                    Archive
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
