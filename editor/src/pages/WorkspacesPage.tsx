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
import { PageHead } from '../components/PageHead';
import { TextInput } from '../components/Field';

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
      <PageHead title={t('nav.workspaces')} />
      <form className="row" style={{ marginBottom: 12 }} onSubmit={(e) => void create(e)} data-testid="workspace-form">
        <TextInput
          aria-label={t('workspaces.name')}
          placeholder={t('workspaces.name')}
          value={name}
          maxLength={120}
          onValue={setName}
          required
        />
        <TextInput
          aria-label={t('workspaces.ownerEmail')}
          type="email"
          placeholder={t('workspaces.ownerEmailPlaceholder')}
          value={ownerEmail}
          maxLength={200}
          onValue={setOwnerEmail}
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
