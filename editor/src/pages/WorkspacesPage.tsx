import { useState, type FormEvent } from 'react';
import { governanceRoutes, type RouteOutput } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { whenLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { StatusBanner } from '../components/Banner';
import { type Column } from '../lists/DataTable';
import { ListTable } from '../lists/ListTable';
import { useList } from '../lists/useList';

type Workspace = RouteOutput<typeof governanceRoutes.allWorkspaces>['items'][number];

/** Every workspace of this Herald (the instance administrator's page), and a new one with its first owner. */
export function WorkspacesPage() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [ownerEmail, setOwnerEmail] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const { items, reload: load } = useList(
    () => call(governanceRoutes.allWorkspaces).then((r) => r.items),
    (text) => setMessage({ kind: 'error', text }),
  );
  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const made = await call(governanceRoutes.createWorkspace, { body: { name, ownerEmail } });
      setMessage({
        kind: 'ok',
        text: !made.invited
          ? t('workspaces.createdOwned', { name: made.name, email: ownerEmail })
          : made.emailed
            ? t('workspaces.createdEmailed', { name: made.name, email: ownerEmail })
            : t('workspaces.createdLink', { name: made.name, link: made.link }),
      });
      setName('');
      setOwnerEmail('');
      await load();
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    }
  };
  const columns: Column<Workspace, never>[] = [
    { label: t('members.name'), cell: (w) => w.name },
    { label: t('workspaces.owners'), cell: (w) => w.owners.join(', ') || t('workspaces.notJoined') },
    { label: t('nav.members'), cell: (w) => formatNumber(w.members) },
    { label: t('workspaces.created'), cell: (w) => whenLabel(w.createdAt) },
  ];
  return (
    <div className="page">
      <header className="page-head">
        <h2>{t('nav.workspaces')}</h2>
      </header>
      <form className="row" style={{ marginBottom: 12 }} onSubmit={(e) => void create(e)} data-testid="workspace-form">
        <input
          aria-label={t('workspaces.name')}
          placeholder={t('workspaces.name')}
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <input
          aria-label={t('workspaces.ownerEmail')}
          type="email"
          placeholder={t('workspaces.ownerEmailPlaceholder')}
          value={ownerEmail}
          maxLength={200}
          onChange={(e) => setOwnerEmail(e.target.value)}
          required
        />
        <button type="submit" className="primary">
          {t('workspaces.create')}
        </button>
      </form>
      <StatusBanner message={message} testId="workspaces-banner" />
      <ListTable items={items} testId="workspaces-table" columns={columns} />
    </div>
  );
}
