import { useState, type FormEvent } from 'react';
import { directoryRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { useTranslation } from 'react-i18next';
import { StatusBanner } from '../components/Banner';
import { type Column } from '../lists/DataTable';
import { ListTable } from '../lists/ListTable';
import { useList } from '../lists/useList';
import { PageHead } from '../components/PageHead';
import { TextInput } from '../components/Field';

type Tag = { id: string; name: string };

/** Tags: the list, and a form to create one (contacts are tagged on the contacts page). */
export function TagsPage() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const { items: tags, reload: load } = useList(
    () => call(directoryRoutes.tags).then((r) => r.items),
    (text) => setMessage({ kind: 'error', text }),
  );
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const wanted = name.trim();
    if (tags?.some((tag) => tag.name.toLowerCase() === wanted.toLowerCase())) {
      setMessage({ kind: 'error', text: t('tags.exists', { name: wanted }) });
      return;
    }
    setSaving(true);
    try {
      const tag = await call(directoryRoutes.createTag, { body: { name: wanted } });
      setMessage({ kind: 'ok', text: t('tags.created', { name: tag.name }) });
      setName('');
      await load();
    } catch (error) {
      setMessage({ kind: 'error', text: errorText(error) });
    } finally {
      setSaving(false);
    }
  };
  const columns: Column<Tag, never>[] = [
    { label: t('journeys.name'), cell: (tag) => tag.name },
    { label: t('nav.contacts'), cell: (tag) => <a href={`#/contacts?tag=${tag.id}`}>{t('tags.show')}</a> },
  ];
  return (
    <div className="page">
      <PageHead title={t('nav.tags')} />
      <form className="row" style={{ maxWidth: 480, marginBottom: 12 }} onSubmit={(e) => void create(e)}>
        <TextInput
          aria-label={t('tags.newName')}
          placeholder={t('tags.newName')}
          value={name}
          maxLength={100}
          onValue={setName}
        />
        <button type="submit" className="primary" disabled={!name.trim() || saving}>
          {t('tags.create')}
        </button>
      </form>
      <StatusBanner message={message} testId="tags-banner" />
      <ListTable items={tags} empty={t('tags.none')} emptyTestId="tags-empty" testId="tags-table" columns={columns} />
    </div>
  );
}
