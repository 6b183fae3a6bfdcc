import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { errorText } from '../api/error-text';

type Contact = { id: string; externalId: string | null; name: string; createdAt: string };

/** Contacts and tags: search, filter by tag, import a CSV, tag the selected contacts. */
export function ContactsPage({ initialTagId = '' }: { initialTagId?: string }) {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [tags, setTags] = useState<Array<{ id: string; name: string }>>([]);
  const [search, setSearch] = useState('');
  const [tagId, setTagId] = useState(initialTagId);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [newTag, setNewTag] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const load = () =>
    void Promise.all([api.contacts({ search, tagId }), api.tags()])
      .then(([c, t]) => {
        setContacts(c.items);
        setTags(t.items);
      })
      .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
  useEffect(load, [search, tagId]);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const result = await api.importCsv(await file.text());
      setMessage({ kind: 'ok', text: `Imported: ${result.created} new, ${result.updated} updated.` });
      load();
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };
  const tagSelected = async () => {
    try {
      const tag = tags.find((t) => t.name === newTag.trim()) ?? (await api.createTag(newTag.trim()));
      await Promise.all([...selected].map((id) => api.tagContact(id, [tag.id])));
      setMessage({ kind: 'ok', text: `Tagged ${selected.size} contact(s) with "${tag.name}".` });
      setSelected(new Set());
      load();
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };

  return (
    <div className="page">
      <header className="page-head">
        <h2>Contacts</h2>
        <input
          aria-label="Search contacts"
          placeholder="Search by name or id"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select aria-label="Tag filter" value={tagId} onChange={(e) => setTagId(e.target.value)}>
          <option value="">All tags</option>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <label className="button file-button">
          Import CSV
          <input
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            aria-label="Import CSV"
            onChange={(e) => {
              void importFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      </header>
      {message && (
        <p className={`banner ${message.kind}`} role="status" data-testid="contacts-banner">
          {message.text}
        </p>
      )}
      <div className="row" style={{ marginBottom: 10, maxWidth: 480 }}>
        <input
          aria-label="Tag name"
          placeholder="Tag name"
          value={newTag}
          onChange={(e) => setNewTag(e.target.value)}
        />
        <button type="button" disabled={selected.size === 0 || !newTag.trim()} onClick={() => void tagSelected()}>
          Tag {selected.size || ''} selected
        </button>
      </div>
      {!contacts ? (
        <p className="loading">Loading…</p>
      ) : contacts.length === 0 ? (
        <p className="muted">
          No contacts match. Import a CSV with columns
          external_id,name,email,phone,wechat_openid,wecom_external_userid,chat_number,tags.
        </p>
      ) : (
        <table data-testid="contacts-table">
          <thead>
            <tr>
              <th />
              <th>Name</th>
              <th>External id</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {contacts.map((c) => (
              <tr key={c.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${c.name}`}
                    checked={selected.has(c.id)}
                    onChange={(e) =>
                      setSelected((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.add(c.id);
                        else next.delete(c.id);
                        return next;
                      })
                    }
                  />
                </td>
                <td>
                  <a href={`#/contacts/${c.id}/timeline`}>{c.name || '(no name)'}</a>
                </td>
                <td>{c.externalId}</td>
                <td>{new Date(c.createdAt).toLocaleDateString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
