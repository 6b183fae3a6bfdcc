import { useEffect, useState } from 'react';
import {
  contactRoutes,
  directoryRoutes,
  type ContactListItem,
  type ContactSortColumn,
  type Tag,
} from '@herald/api/contracts';
import { call, callRaw } from '../api/client';
import { errorText } from '../api/error-text';
import { DataTable, Pager, type Column } from '../lists/DataTable';
import { usePagedList } from '../lists/usePagedList';
import { AddContactForm } from './contacts/AddContactForm';
import { ContactActions } from './contacts/ContactActions';
import { AssignOwners } from './contacts/AssignOwners';
import { ownersColumn } from '../words/contact-words';

const ago = (iso: string) => new Date(iso).toLocaleString();
const csvColumns = [
  'external_id, name, email, phone, wechat_openid,',
  'wecom_external_userid, chat_number, tags (separated by |)',
].join(' ');

/** Contacts: search by name, phone or address, filter by tag, sort, import a CSV, add one, tag and merge. */
export function ContactsPage({ initialTagId = '' }: { initialTagId?: string }) {
  const [tags, setTags] = useState<Tag[]>([]);
  const [search, setSearch] = useState('');
  const [tagId, setTagId] = useState(initialTagId);
  const [selected, setSelected] = useState<Map<string, ContactListItem>>(new Map());
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'busy'; text: string } | null>(null);
  const list = usePagedList<ContactSortColumn, ContactListItem>(
    { sort: 'lastActivity', dir: 'desc', offset: 0, limit: 50 },
    (page) =>
      call(contactRoutes.list, {
        query: { ...page, ...(search.trim() ? { search: search.trim() } : {}), ...(tagId ? { tagId } : {}) },
      }),
    [search, tagId],
  );
  const loadTags = () =>
    void call(directoryRoutes.tags)
      .then((t) => setTags(t.items))
      .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
  useEffect(loadTags, []);
  const done = (m: { kind: 'ok' | 'error'; text: string }) => {
    setMessage(m);
    if (m.kind === 'ok') setSelected(new Map());
    list.reload();
    loadTags();
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setMessage({ kind: 'busy', text: `Importing ${file.name}…` });
    try {
      const result = await callRaw(contactRoutes.import, await file.text(), { contentType: 'text/csv' });
      done({ kind: 'ok', text: `Imported ${file.name}: ${result.created} new, ${result.updated} updated.` });
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    }
  };
  const toggle = (c: ContactListItem, on: boolean) =>
    setSelected((s) => {
      const next = new Map(s);
      if (on) next.set(c.id, c);
      else next.delete(c.id);
      return next;
    });
  const columns: Array<Column<ContactListItem, ContactSortColumn>> = [
    {
      label: 'Select',
      cell: (c) => (
        <input
          type="checkbox"
          aria-label={`Select ${c.name || c.externalId}`}
          checked={selected.has(c.id)}
          onChange={(e) => toggle(c, e.target.checked)}
        />
      ),
    },
    { label: 'Name', sort: 'name', cell: (c) => <a href={`#/contacts/${c.id}/timeline`}>{c.name || '(no name)'}</a> },
    { label: 'External id', sort: 'externalId', cell: (c) => c.externalId },
    {
      label: 'Addresses',
      className: 'clip',
      cell: (c) => c.identities.map((i) => i.value).join(', '),
    },
    {
      label: 'Tags',
      cell: (c) =>
        c.tags.map((t) => (
          <span key={t} className="chip">
            {t}
          </span>
        )),
    },
    { label: ownersColumn, cell: (c) => c.owners.join(', ') },
    { label: 'Last activity', sort: 'lastActivity', cell: (c) => ago(c.lastActivityAt) },
    { label: 'Added', sort: 'createdAt', cell: (c) => new Date(c.createdAt).toLocaleDateString() },
  ];
  const rows = list.rows;
  return (
    <div className="page">
      <header className="page-head">
        <h2>Contacts</h2>
        <input
          aria-label="Search contacts"
          placeholder="Search name, phone, email or openid"
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
        <button type="button" onClick={() => setAdding((a) => !a)}>
          Add contact
        </button>
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
      {adding && (
        <AddContactForm
          onClose={() => setAdding(false)}
          onAdded={(name) => {
            setAdding(false);
            done({ kind: 'ok', text: `Added ${name}.` });
          }}
        />
      )}
      {(message || list.error) && (
        <p
          className={`banner ${list.error ? 'error' : message!.kind === 'busy' ? 'info' : message!.kind}`}
          role="status"
          data-testid="contacts-banner"
        >
          {list.error || message!.text}
        </p>
      )}
      <ContactActions selected={[...selected.values()]} tags={tags} onDone={done} />
      <AssignOwners selected={[...selected.values()]} onDone={done} />
      {!rows ? (
        <p className="loading">Loading…</p>
      ) : rows.total === 0 ? (
        <p className="muted">
          {search || tagId
            ? 'No contacts match.'
            : `No contacts yet. Import a CSV with the columns ${csvColumns}, or add one.`}
        </p>
      ) : (
        <>
          <DataTable
            testId="contacts-table"
            columns={columns}
            rows={rows.items}
            rowKey={(c) => c.id}
            sort={list.page.sort}
            dir={list.page.dir}
            onSort={list.sortBy}
          />
          <Pager offset={rows.offset} limit={list.page.limit} total={rows.total} onPage={list.goTo} />
        </>
      )}
    </div>
  );
}
