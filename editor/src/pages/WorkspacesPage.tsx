import { useState } from 'react';
import { governanceRoutes, type RouteOutput } from '@herald/api/contracts';
import { call } from '../api/client';
import { usePageAction } from '../components/usePageAction';
import { whenLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { StatusBanner } from '../components/Banner';
import { type Column } from '../lists/DataTable';
import { ListTable } from '../lists/ListTable';
import { useList } from '../lists/useList';
import { useFields } from '../lists/useFields';
import { CreateForm } from '../lists/CreateForm';
import { NamedInput } from '../components/NamedInput';
import { PageHead } from '../components/PageHead';

type Workspace = RouteOutput<typeof governanceRoutes.allWorkspaces>['items'][number];

/** Every workspace of this Herald (the instance administrator's page), and a new one with its first owner. */
export function WorkspacesPage() {
  const { t } = useTranslation();
  const { values, field, reset } = useFields({ name: '', ownerEmail: '' });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const { items, reload: load } = useList(
    () => call(governanceRoutes.allWorkspaces).then((r) => r.items),
    (text) => setMessage({ kind: 'error', text }),
  );
  const { run } = usePageAction(setMessage, load);
  const create = () => {
    const email = values.ownerEmail;
    return run(
      async () => {
        const made = await call(governanceRoutes.createWorkspace, { body: values });
        reset();
        return made;
      },
      (made) =>
        !made.invited
          ? t('workspaces.createdOwned', { name: made.name, email })
          : made.emailed
            ? t('workspaces.createdEmailed', { name: made.name, email })
            : t('workspaces.createdLink', { name: made.name, link: made.link }),
    );
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
      <CreateForm testId="workspace-form" submit={t('workspaces.create')} onCreate={create}>
        <NamedInput label={t('workspaces.name')} maxLength={120} required {...field('name')} />
        <NamedInput
          label={t('workspaces.ownerEmail')}
          type="email"
          placeholder={t('workspaces.ownerEmailPlaceholder')}
          maxLength={200}
          required
          {...field('ownerEmail')}
        />
      </CreateForm>
      <StatusBanner message={message} testId="workspaces-banner" />
      <ListTable items={items} testId="workspaces-table" columns={columns} />
    </div>
  );
}
