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
import type { Column } from '../lists/DataTable';
import { PagedTable } from '../lists/PagedTable';
import { usePagedList } from '../lists/usePagedList';
import { AddContactForm } from './contacts/AddContactForm';
import { ContactActions } from './contacts/ContactActions';
import { AssignOwners } from './contacts/AssignOwners';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../i18n/format';
import { CsvImportButton } from '../components/CsvImportButton';
import { StatusBanner } from '../components/Banner';
import { NamedSelect } from '../components/NamedSelect';
import { SearchBox, useSearch } from '../lists/SearchBox';
import { useFields } from '../lists/useFields';
import { PageHead } from '../components/PageHead';

const csvColumns = 'external_id, name, email, phone, wechat_openid, wecom_external_userid, chat_number, tags';

/** Contacts: search by name, phone or address, filter by tag, sort, import a CSV, add one, tag and merge. */
export function ContactsPage({ initialTagId = '' }: { initialTagId?: string }) {
  const { t } = useTranslation();
  const [tags, setTags] = useState<Tag[]>([]);
  const search = useSearch();
  const filter = useFields({ tagId: initialTagId });
  const tagId = filter.values.tagId;
  const [selected, setSelected] = useState<Map<string, ContactListItem>>(new Map());
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'busy'; text: string } | null>(null);
  const list = usePagedList<ContactSortColumn, ContactListItem>(
    { sort: 'lastActivity', dir: 'desc', offset: 0, limit: 50 },
    (page) =>
      call(contactRoutes.list, {
        query: { ...page, ...search.query, ...(tagId ? { tagId } : {}) },
      }),
    [search.text, tagId],
  );
  const loadTags = () =>
    void call(directoryRoutes.tags)
      .then((r) => setTags(r.items))
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
    setMessage({ kind: 'busy', text: t('contacts.importing', { file: file.name }) });
    try {
      const result = await callRaw(contactRoutes.import, await file.text(), { contentType: 'text/csv' });
      done({
        kind: 'ok',
        text: t('contacts.imported', { file: file.name, created: result.created, updated: result.updated }),
      });
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
      label: t('contacts.select'),
      cell: (c) => (
        <input
          type="checkbox"
          aria-label={t('contacts.selectOne', { name: c.name || c.externalId })}
          checked={selected.has(c.id)}
          onChange={(e) => toggle(c, e.target.checked)}
        />
      ),
    },
    {
      label: t('contacts.name'),
      sort: 'name',
      cell: (c) => <a href={`#/contacts/${c.id}/timeline`}>{c.name || t('merge.noName')}</a>,
    },
    { label: t('contacts.externalId'), sort: 'externalId', cell: (c) => c.externalId },
    {
      label: t('contacts.addresses'),
      className: 'clip',
      cell: (c) => c.identities.map((i) => i.value).join(', '),
    },
    {
      label: t('nav.tags'),
      cell: (c) =>
        c.tags.map((tag) => (
          <span key={tag} className="chip">
            {tag}
          </span>
        )),
    },
    { label: t('contacts.owners'), cell: (c) => c.owners.join(', ') },
    { label: t('contacts.lastActivity'), sort: 'lastActivity', cell: (c) => formatDateTime(c.lastActivityAt) },
    { label: t('contacts.added'), sort: 'createdAt', cell: (c) => formatDate(c.createdAt) },
  ];
  return (
    <div className="page">
      <PageHead title={t('nav.contacts')}>
        <SearchBox search={search} label={t('contacts.search')} placeholder={t('contacts.searchPlaceholder')} />
        <NamedSelect
          label={t('contacts.tagFilter')}
          blank={t('contacts.allTags')}
          items={tags}
          {...filter.field('tagId')}
        />
        <span className="spacer" />
        <button type="button" onClick={() => setAdding((a) => !a)}>
          {t('contacts.add')}
        </button>
        <CsvImportButton ariaLabel={t('employees.importCsv')} onFile={(file) => void importFile(file)} />
      </PageHead>
      {adding && (
        <AddContactForm
          onClose={() => setAdding(false)}
          onAdded={(name) => {
            setAdding(false);
            done({ kind: 'ok', text: t('employees.added', { name }) });
          }}
        />
      )}
      <StatusBanner
        message={
          list.error
            ? { kind: 'error', text: list.error }
            : message && { kind: message.kind === 'busy' ? 'info' : message.kind, text: message.text }
        }
        testId="contacts-banner"
      />
      <ContactActions selected={[...selected.values()]} tags={tags} onDone={done} />
      <AssignOwners selected={[...selected.values()]} onDone={done} />
      <PagedTable
        list={list}
        columns={columns}
        rowKey={(c) => c.id}
        testId="contacts-table"
        empty={search.text || tagId ? t('contacts.noneMatch') : t('contacts.none', { columns: csvColumns })}
      />
    </div>
  );
}
