import { useState } from 'react';
import { journeyRoutes, type JourneyListItem } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { useConfirm } from '../components/ConfirmDialog';
import { GettingStarted } from '../components/GettingStarted';
import { statusLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format';
import { ErrorBanner } from '../components/Banner';
import { type Column } from '../lists/DataTable';
import { ListTable } from '../lists/ListTable';
import { actionsColumn } from '../lists/RowActions';
import { useList } from '../lists/useList';
import { PageHead } from '../components/PageHead';

/** The journeys list (rename, archive), the getting-started checklist, and a button to start a new one. */
export function JourneysPage() {
  const { t } = useTranslation();
  const [error, setError] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const { confirm, dialog } = useConfirm();
  const { items, reload: load } = useList(() => call(journeyRoutes.list).then((r) => r.items), setError);
  const run = (work: Promise<unknown>) => void work.then(load).catch((e: unknown) => setError(errorText(e)));
  const create = async () => {
    try {
      const journey = await call(journeyRoutes.create, {
        body: { name: t('journeys.newName', { at: formatDateTime(new Date()) }) },
      });
      location.hash = `#/journeys/${journey.id}`;
    } catch (e) {
      setError(errorText(e));
    }
  };
  const archive = async (j: JourneyListItem) => {
    const ok = await confirm({
      title: t('journeys.archiveTitle', { name: j.name }),
      body: j.status === 'active' ? t('journeys.archiveActive') : t('journeys.archiveDraft'),
      confirm: t('journeys.archive'),
      danger: true,
    });
    if (ok) run(call(journeyRoutes.archive, { params: { id: j.id } }));
  };
  const saveName = () => {
    if (!renaming) return;
    const name = renaming.name.trim();
    if (!name) return setError(t('journeys.nameRequired'));
    setRenaming(null);
    setError('');
    run(call(journeyRoutes.rename, { params: { id: renaming.id }, body: { name } }));
  };
  const columns: Column<JourneyListItem, never>[] = [
    {
      label: t('journeys.name'),
      cell: (j) =>
        renaming?.id === j.id ? (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              saveName();
            }}
          >
            <input
              aria-label={t('canvas.journeyName')}
              autoFocus
              value={renaming.name}
              maxLength={200}
              onChange={(e) => setRenaming({ id: j.id, name: e.target.value })}
            />
            <button type="submit">{t('common.save')}</button>
            <button type="button" onClick={() => setRenaming(null)}>
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          <a href={`#/journeys/${j.id}`}>{j.name}</a>
        ),
    },
    {
      label: t('journeys.status'),
      cell: (j) => <span className={`status status-${j.status}`}>{statusLabel(j.status)}</span>,
    },
    { label: t('journeys.updated'), cell: (j) => formatDateTime(j.updatedAt) },
    actionsColumn(
      [
        { label: t('canvas.rename'), act: (j) => setRenaming({ id: j.id, name: j.name }) },
        { label: t('journeys.archive'), act: (j) => void archive(j) },
      ],
      { label: t('journeys.operations') },
    ),
  ];
  return (
    <div className="page">
      <PageHead title={t('nav.journeys')}>
        <span className="spacer" />
        <button className="primary" type="button" onClick={() => void create()}>
          {t('journeys.new')}
        </button>
      </PageHead>
      <GettingStarted />
      <ErrorBanner text={error} />
      <ListTable items={items} empty={t('journeys.none')} testId="journeys-table" columns={columns} />
      {dialog}
    </div>
  );
}
