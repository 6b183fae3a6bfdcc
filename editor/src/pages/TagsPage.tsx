import { useEffect, useState, type FormEvent } from 'react';
import { directoryRoutes } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { useTranslation } from 'react-i18next';

type Tag = { id: string; name: string };

/** Tags: the list, and a form to create one (contacts are tagged on the contacts page). */
export function TagsPage() {
  const { t } = useTranslation();
  const [tags, setTags] = useState<Tag[] | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const load = () =>
    call(directoryRoutes.tags)
      .then((r) => setTags(r.items))
      .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
  useEffect(() => {
    void load();
  }, []);
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
  return (
    <div className="page">
      <header className="page-head">
        <h2>{t('nav.tags')}</h2>
      </header>
      <form className="row" style={{ maxWidth: 480, marginBottom: 12 }} onSubmit={(e) => void create(e)}>
        <input
          aria-label={t('tags.newName')}
          placeholder={t('tags.newName')}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="primary" disabled={!name.trim() || saving}>
          {t('tags.create')}
        </button>
      </form>
      {message && (
        <p className={`banner ${message.kind}`} role="status" data-testid="tags-banner">
          {message.text}
        </p>
      )}
      {!tags ? (
        <p className="loading">{t('common.loading')}</p>
      ) : tags.length === 0 ? (
        <p className="muted" data-testid="tags-empty">
          {t('tags.none')}
        </p>
      ) : (
        <table data-testid="tags-table">
          <thead>
            <tr>
              <th>{t('journeys.name')}</th>
              <th>{t('nav.contacts')}</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((tag) => (
              <tr key={tag.id}>
                <td>{tag.name}</td>
                <td>
                  <a href={`#/contacts?tag=${tag.id}`}>{t('tags.show')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
