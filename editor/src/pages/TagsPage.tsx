import { useState } from 'react';
import { directoryRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import { usePageAction } from '../components/usePageAction';
import { useTranslation } from 'react-i18next';
import { StatusBanner } from '../components/Banner';
import { type Column } from '../lists/DataTable';
import { ListTable } from '../lists/ListTable';
import { useList } from '../lists/useList';
import { CreateForm } from '../lists/CreateForm';
import { NamedInput } from '../components/NamedInput';
import { PageHead } from '../components/PageHead';

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
  const { run } = usePageAction(setMessage, load);
  const create = async () => {
    const wanted = name.trim();
    if (tags?.some((tag) => tag.name.toLowerCase() === wanted.toLowerCase())) {
      setMessage({ kind: 'error', text: t('tags.exists', { name: wanted }) });
      return;
    }
    setSaving(true);
    await run(
      async () => {
        const tag = await call(directoryRoutes.createTag, { body: { name: wanted } });
        setName('');
        return tag;
      },
      (tag) => t('tags.created', { name: tag.name }),
    );
    setSaving(false);
  };
  const columns: Column<Tag, never>[] = [
    { label: t('journeys.name'), cell: (tag) => tag.name },
    { label: t('nav.contacts'), cell: (tag) => <a href={`#/contacts?tag=${tag.id}`}>{t('tags.show')}</a> },
  ];
  return (
    <div className="page">
      <PageHead title={t('nav.tags')} />
      <CreateForm submit={t('tags.create')} ready={!!name.trim() && !saving} narrow onCreate={create}>
        <NamedInput label={t('tags.newName')} maxLength={100} value={name} onValue={setName} />
      </CreateForm>
      <StatusBanner message={message} testId="tags-banner" />
      <ListTable items={tags} empty={t('tags.none')} emptyTestId="tags-empty" testId="tags-table" columns={columns} />
    </div>
  );
}
