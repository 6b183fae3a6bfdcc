import { useState } from 'react';
import { contactRoutes, type ContactListItem, type ContactRecord } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useConfirm } from '../../components/ConfirmDialog';

/** On a contact's page: find the same person recorded twice and fold that record into this one. */
export function MergeInto({ contact }: { contact: ContactRecord }) {
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
    const otherName = other.name || other.externalId || 'that contact';
    const ok = await confirm({
      title: `Merge ${otherName} into ${contact.name || contact.externalId}?`,
      body:
        `${otherName}’s addresses, tags, events and messages move here, and ${otherName} is removed. ` +
        'This cannot be undone.',
      confirm: 'Merge',
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
        Merge a duplicate…
      </button>
    );
  return (
    <div className="merge-into card">
      <input
        aria-label="Find the duplicate"
        placeholder="Name, phone or openid of the duplicate"
        value={search}
        autoFocus
        onChange={(e) => find(e.target.value)}
      />
      <ul>
        {found.map((c) => (
          <li key={c.id}>
            {c.name || '(no name)'} <span className="muted">{c.identities.map((i) => i.value).join(', ')}</span>{' '}
            <button type="button" onClick={() => void merge(c)}>
              Merge into this contact
            </button>
          </li>
        ))}
      </ul>
      {error && <p className="banner error">{error}</p>}
      <button type="button" onClick={() => setOpen(false)}>
        Close
      </button>
      {dialog}
    </div>
  );
}
