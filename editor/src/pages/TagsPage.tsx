import { useEffect, useState, type FormEvent } from 'react';
import { directoryRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';

type Tag = { id: string; name: string };

/** Tags: the list, and a form to create one (contacts are tagged on the contacts page). */
export function TagsPage() {
  const [tags, setTags] = useState<Tag[] | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const load = () =>
    call(directoryRoutes.tags)
      .then((t) => setTags(t.items))
      .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
  useEffect(() => {
    void load();
  }, []);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const wanted = name.trim();
    if (tags?.some((t) => t.name.toLowerCase() === wanted.toLowerCase())) {
      setMessage({ kind: 'error', text: `A tag named "${wanted}" already exists.` });
      return;
    }
    setSaving(true);
    try {
      const tag = await call(directoryRoutes.createTag, { body: { name: wanted } });
      setMessage({ kind: 'ok', text: `Created the tag "${tag.name}".` });
      setName('');
      await load();
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="page">
      <header className="page-head">
        <h2>Tags</h2>
      </header>
      <form className="row" style={{ maxWidth: 480, marginBottom: 12 }} onSubmit={(e) => void create(e)}>
        <input
          aria-label="New tag name"
          placeholder="New tag name"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="primary" disabled={!name.trim() || saving}>
          Create tag
        </button>
      </form>
      {message && (
        <p className={`banner ${message.kind}`} role="status" data-testid="tags-banner">
          {message.text}
        </p>
      )}
      {!tags ? (
        <p className="loading">Loading…</p>
      ) : tags.length === 0 ? (
        <p className="muted" data-testid="tags-empty">
          No tags yet. Create one above, or import contacts with a tags column.
        </p>
      ) : (
        <table data-testid="tags-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Contacts</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  <a href={`#/contacts?tag=${t.id}`}>Show contacts</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
