import { useState } from 'react';
import { contactRoutes, type ContactListItem, type ContactRecord } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useConfirm } from '../../components/ConfirmDialog';
import { useTranslation } from 'react-i18next';

/** On a contact's page: find the same person recorded twice and fold that record into this one. */
export function MergeInto({ contact }: { contact: ContactRecord }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ContactListItem[]>([]);
  const [error, setError] = useState('');
  const { confirm, dialog } = useConfirm();
  const find = (q: string) => {
    setSearch(q);
    if (q.trim().length < 2) return setFound([]);
    void call(contactRoutes.list, { query: { search: q.trim(), limit: 10 } })
      .then((r) => setFound(r.items.filter((c) => c.id !== contact.id)))
      .catch((e: unknown) => setError(errorText(e)));
  };
  const merge = async (other: ContactListItem) => {
    const otherName = other.name || other.externalId || t('merge.thatContact');
    const ok = await confirm({
      title: t('merge.title', { other: otherName, into: contact.name || contact.externalId }),
      body: t('merge.body', { other: otherName }),
      confirm: t('merge.merge'),
      danger: true,
    });
    if (!ok) return;
    try {
      await call(contactRoutes.merge, { params: { id: contact.id }, body: { otherId: other.id } });
      // The page reads the merged contact and both timelines again.
      location.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('merge.open')}
      </button>
    );
  return (
    <div className="merge-into card">
      <input
        aria-label={t('merge.find')}
        placeholder={t('merge.findPlaceholder')}
        value={search}
        autoFocus
        onChange={(e) => find(e.target.value)}
      />
      <ul>
        {found.map((c) => {
          const ids = c.identities.map((i) => i.value).join(', ');
          return (
            <li key={c.id}>
              {c.name || t('merge.noName')} <span className="muted">{ids}</span>{' '}
              <button type="button" onClick={() => void merge(c)}>
                {t('merge.into')}
              </button>
            </li>
          );
        })}
      </ul>
      {error && <p className="banner error">{error}</p>}
      <button type="button" onClick={() => setOpen(false)}>
        {t('common.close')}
      </button>
      {dialog}
    </div>
  );
}
